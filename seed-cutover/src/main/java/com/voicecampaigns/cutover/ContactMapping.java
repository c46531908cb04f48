package com.voicecampaigns.cutover;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the old service kept a list's contacts, since the seed does not say: one document per
 * contact in {@code collection}, whose {@code listIdField} holds the campaign's {@code listId} (as
 * text or an ObjectId). Field names may be dotted paths into sub-documents.
 *
 * @param nameField may be null: no names
 * @param timezoneField may be null: the campaign's calling window's zone applies
 * @param variables fields copied into each contact's variables, the bot reads them by call id
 */
record ContactMapping(
    String collection,
    String listIdField,
    String phoneField,
    String nameField,
    String timezoneField,
    List<Variable> variables) {

  /** Column names the API's CSV import reads as something else than a variable. */
  private static final Set<String> RESERVED =
      Set.of("phone", "number", "phone_number", "name", "timezone", "time_zone");

  /** A variable named {@code name} here, read from {@code path} there. */
  record Variable(String name, String path) {}

  /**
   * Variables as the command line gives them: {@code plan,city=address.city} (a dotted path without
   * a name is named with underscores: {@code address_city}).
   *
   * @throws IllegalArgumentException for a name the API cannot take or reads as another column
   */
  static List<Variable> parseVariables(String spec) {
    List<Variable> variables = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return variables;
    }
    for (String item : spec.split(",")) {
      String entry = item.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String path = equals < 0 ? entry : entry.substring(equals + 1).strip();
      String name = equals < 0 ? entry.replace('.', '_') : entry.substring(0, equals).strip();
      String normalised = name.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      if (name.isEmpty() || path.isEmpty() || name.startsWith("$") || name.contains(".")) {
        throw new IllegalArgumentException("--variables: '" + entry + "' is no usable variable");
      }
      if (RESERVED.contains(normalised)) {
        throw new IllegalArgumentException(
            "--variables: '"
                + name
                + "' would be read as a contact's own field; name it: x="
                + path);
      }
      variables.add(new Variable(name, path));
    }
    return variables;
  }
}
