package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.model.contact.PhoneNumber;
import com.voicecampaigns.model.contact.PhoneNumber.InvalidPhoneNumberException;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.contact.ContactDocument;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * Validates one uploaded row: the number in E.164 after normalisation, an IANA time zone, a name of
 * at most 200 characters, variable names MongoDB can store.
 */
final class ContactRows {

  static final int MAX_NAME_LENGTH = 200;
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private final String defaultRegion;

  ContactRows(String defaultRegion) {
    this.defaultRegion = blankToNull(defaultRegion);
  }

  /** A contact to insert, or the reason the row is refused. */
  record Outcome(ContactDocument contact, String rejection) {
    static Outcome rejected(String reason) {
      return new Outcome(null, reason);
    }
  }

  Outcome validate(String listId, ContactRow row) {
    String phone;
    try {
      phone = PhoneNumber.parse(row.phone(), defaultRegion).e164();
    } catch (InvalidPhoneNumberException e) {
      return Outcome.rejected(e.getMessage());
    }
    String timezone = blankToNull(row.timezone());
    if (timezone != null && !ZONES.contains(timezone)) {
      return Outcome.rejected(
          "unknown time zone (use an IANA name such as Asia/Kolkata): " + timezone);
    }
    String name = blankToNull(row.name());
    if (name != null && name.length() > MAX_NAME_LENGTH) {
      return Outcome.rejected("name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    Map<String, String> variables = row.variables() == null ? Map.of() : row.variables();
    for (String key : variables.keySet()) {
      if (!isUsableVariableName(key)) {
        return Outcome.rejected(
            "variable name '" + key + "' may not be empty, contain '.' or start with '$'");
      }
    }
    return new Outcome(
        new ContactDocument(Ids.newId(), listId, phone, name, timezone, Map.copyOf(variables)),
        null);
  }

  static boolean isUsableVariableName(String key) {
    return key != null && !key.isBlank() && !key.contains(".") && !key.startsWith("$");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
