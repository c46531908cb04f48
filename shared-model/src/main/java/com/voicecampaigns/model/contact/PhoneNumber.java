package com.voicecampaigns.model.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Objects;

/** A valid telephone number in E.164 form ({@code +918035735659}). */
public record PhoneNumber(String e164) {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  public PhoneNumber {
    Objects.requireNonNull(e164, "e164");
    if (!e164.equals(normalise(e164, null))) {
      throw new InvalidPhoneNumberException(e164, "not a phone number in E.164 form");
    }
  }

  /**
   * Normalises what a person typed ({@code "+1 (415) 555-2671"}, {@code "00 91 80 3573 5659"}) to
   * E.164. Without a leading {@code +} or international prefix the number is read in {@code
   * defaultRegion} (an ISO 3166 code), and rejected when that is {@code null}.
   */
  public static PhoneNumber parse(String raw, String defaultRegion) {
    return new PhoneNumber(normalise(raw, defaultRegion));
  }

  private static String normalise(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidPhoneNumberException(raw, "phone number is empty");
    }
    String region = defaultRegion == null ? "ZZ" : defaultRegion;
    try {
      var parsed = UTIL.parse(raw.strip(), region);
      if (!UTIL.isValidNumber(parsed)) {
        throw new InvalidPhoneNumberException(raw, "not a valid phone number");
      }
      return UTIL.format(parsed, PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw new InvalidPhoneNumberException(
          raw,
          switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "missing or unknown country code (use +<country><number>)";
            case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "too short to be a phone number";
            case TOO_LONG -> "too long to be a phone number";
            case NOT_A_NUMBER -> "not a phone number";
          });
    }
  }

  @Override
  public String toString() {
    return e164;
  }

  /** A phone number that cannot be normalised to a valid E.164 number. */
  public static final class InvalidPhoneNumberException extends IllegalArgumentException {
    private final String input;

    InvalidPhoneNumberException(String input, String reason) {
      super(reason);
      this.input = input;
    }

    public String input() {
      return input;
    }
  }
}
