package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.model.contact.PhoneNumber;
import com.voicecampaigns.model.contact.PhoneNumber.InvalidPhoneNumberException;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.contact.ContactDocument;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Validates one uploaded row: the number in E.164 after normalisation, an IANA time zone, a name of
 * at most 200 characters, variable names MongoDB can store, and the configured bounds on the number
 * and size of variables.
 */
final class ContactRows {

  static final int MAX_NAME_LENGTH = 200;

  /** How much of a refused value a reason repeats. */
  private static final int QUOTED_INPUT = 64;

  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private final String defaultRegion;
  private final ApiProperties.ContactLists limits;

  ContactRows(ApiProperties.ContactLists limits) {
    this.defaultRegion = blankToNull(limits.defaultRegion());
    this.limits = limits;
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
          "unknown time zone (use an IANA name such as Asia/Kolkata): " + abbreviate(timezone));
    }
    String name = blankToNull(row.name());
    if (name != null && name.length() > MAX_NAME_LENGTH) {
      return Outcome.rejected("name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    Map<String, String> variables = row.variables() == null ? Map.of() : row.variables();
    String refused = refusedVariables(variables);
    if (refused != null) {
      return Outcome.rejected(refused);
    }
    // in the request's order
    return new Outcome(
        new ContactDocument(
            Ids.newId(), listId, phone, name, timezone, new LinkedHashMap<>(variables)),
        null);
  }

  private String refusedVariables(Map<String, String> variables) {
    if (variables.size() > limits.maxVariables()) {
      return "has " + variables.size() + " variables, at most " + limits.maxVariables();
    }
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      String key = variable.getKey();
      if (key != null && key.length() > limits.maxVariableNameLength()) {
        return "variable name '"
            + abbreviate(key)
            + "' is longer than "
            + limits.maxVariableNameLength()
            + " characters";
      }
      if (!isUsableVariableName(key)) {
        return "variable name '" + key + "' may not be empty, contain '.' or start with '$'";
      }
      if (variable.getValue() == null) {
        return "variable '" + key + "' has no value";
      }
      if (variable.getValue().length() > limits.maxVariableValueLength()) {
        return "variable '"
            + key
            + "' is longer than "
            + limits.maxVariableValueLength()
            + " characters";
      }
    }
    return null;
  }

  /** The start of a refused value, so a reason never repeats a huge input. */
  static String abbreviate(String value) {
    if (value == null || value.length() <= QUOTED_INPUT) {
      return value;
    }
    return value.substring(0, QUOTED_INPUT) + "…";
  }

  static boolean isUsableVariableName(String key) {
    return key != null && !key.isBlank() && !key.contains(".") && !key.startsWith("$");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
