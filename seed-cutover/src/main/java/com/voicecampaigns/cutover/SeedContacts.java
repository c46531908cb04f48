package com.voicecampaigns.cutover;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.voicecampaigns.cutover.SeedDatabase.SeedUnreadable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * A seed list's contacts, read through a {@link ContactMapping} and written as the CSV that {@code
 * POST /api/v1/contact-lists} imports (header {@code phone,name,timezone,<variables>}), to a file,
 * so a list of any size is streamed in both directions. The API decides which rows it accepts.
 */
final class SeedContacts {

  private final MongoCollection<Document> contacts;
  private final ContactMapping mapping;

  SeedContacts(MongoCollection<Document> contacts, ContactMapping mapping) {
    this.contacts = contacts;
    this.mapping = mapping;
  }

  /** The CSV of a list, with how many contacts it holds. */
  record Csv(Path file, long rows) {}

  long count(String listId) {
    try {
      return contacts.countDocuments(ofList(listId));
    } catch (MongoException e) {
      throw new SeedUnreadable("cannot count the contacts of list " + listId + ": " + e, e);
    }
  }

  /** Writes the list's contacts to a temporary file, which the caller deletes. */
  Csv write(String listId) {
    try {
      return writeFile(listId);
    } catch (IOException | MongoException e) {
      throw new SeedUnreadable("cannot read the contacts of list " + listId + ": " + e, e);
    }
  }

  private Csv writeFile(String listId) throws IOException {
    Path file = Files.createTempFile("seed-list-", ".csv");
    file.toFile().deleteOnExit();
    List<String> header = new ArrayList<>(List.of("phone", "name", "timezone"));
    mapping.variables().forEach(v -> header.add(v.name()));
    long rows = 0;
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = CSVFormat.RFC4180.builder().get().print(writer);
        MongoCursor<Document> cursor = contacts.find(ofList(listId)).iterator()) {
      csv.printRecord(header);
      while (cursor.hasNext()) {
        Document contact = cursor.next();
        List<String> row = new ArrayList<>();
        row.add(text(value(contact, mapping.phoneField())));
        row.add(mapping.nameField() == null ? "" : text(value(contact, mapping.nameField())));
        row.add(
            mapping.timezoneField() == null ? "" : text(value(contact, mapping.timezoneField())));
        mapping.variables().forEach(v -> row.add(text(value(contact, v.path()))));
        csv.printRecord(row);
        rows++;
      }
    }
    return new Csv(file, rows);
  }

  /** The list's id as the seed kept it: text, or the ObjectId the text spells. */
  private Bson ofList(String listId) {
    List<Object> forms = new ArrayList<>(List.of(listId));
    if (ObjectId.isValid(listId)) {
      forms.add(new ObjectId(listId));
    }
    return Filters.in(mapping.listIdField(), forms);
  }

  /** The value at a dotted path, or null where any step is missing or no document. */
  static Object value(Document document, String path) {
    Object current = document;
    for (String step : path.split("\\.")) {
      if (!(current instanceof Document node)) {
        return null;
      }
      current = node.get(step);
    }
    return current;
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    } else if (value instanceof Date date) {
      return date.toInstant().toString();
    } else if (value instanceof ObjectId id) {
      return id.toHexString();
    } else if (value instanceof Document document) {
      return document.toJson();
    } else if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(SeedContacts::text).toList());
    } else if (value instanceof Double number
        && number == Math.rint(number)
        && !number.isInfinite()) {
      return Long.toString(number.longValue()); // a phone number stored as a double
    }
    return value.toString();
  }
}
