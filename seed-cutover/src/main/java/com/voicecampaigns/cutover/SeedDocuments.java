package com.voicecampaigns.cutover;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Reads a {@code plivoCampaign} document into a {@link SeedCampaign}, or says everything that keeps
 * it from being one. The seed's schema is loose (JavaScript wrote it), so ids may be ObjectIds or
 * strings and times dates or ISO strings; anything else is refused, not guessed.
 */
final class SeedDocuments {

  /** Longer ids would not fit the API's {@code source} and list names. */
  static final int MAX_ID = 150;

  private SeedDocuments() {}

  /** A readable document, or the reasons it is not. */
  sealed interface Parsed {
    String id();
  }

  record Readable(SeedCampaign campaign) implements Parsed {
    @Override
    public String id() {
      return campaign.id();
    }
  }

  record Unreadable(String id, List<String> reasons) implements Parsed {}

  static Parsed parse(Document document) {
    List<String> problems = new ArrayList<>();
    Object rawId = document.get("_id");
    String id = idText(rawId, problems);
    String name = text(document, "campaignName", true, problems);
    String listId = text(document, "listId", true, problems);
    if (listId != null && listId.length() > MAX_ID) {
      problems.add("listId is longer than " + MAX_ID + " characters");
    }
    String fromNumber = text(document, "fromNumber", true, problems);
    String wssUrl = text(document, "wssUrl", true, problems);
    String clientId = text(document, "clientId", true, problems);
    CampaignStatus status = status(text(document, "status", true, problems), problems);
    Instant scheduledTime = time(document, "scheduledTime", problems);
    String scheduledBy = text(document, "scheduledBy", false, problems);
    Instant heartbeat = time(document, "heartbeat", new ArrayList<>());
    Object container = document.get("containerId");
    Instant createdAt = rawId instanceof ObjectId objectId ? objectId.getDate().toInstant() : null;
    if (!problems.isEmpty()) {
      return new Unreadable(id == null ? String.valueOf(rawId) : id, problems);
    }
    return new Readable(
        new SeedCampaign(
            id,
            name,
            listId,
            fromNumber,
            wssUrl,
            clientId,
            status,
            scheduledTime,
            scheduledBy,
            heartbeat,
            container == null ? null : String.valueOf(container),
            createdAt));
  }

  private static String idText(Object id, List<String> problems) {
    String text = null;
    if (id instanceof ObjectId objectId) {
      text = objectId.toHexString();
    } else if (id instanceof String string && !string.isBlank()) {
      text = string.strip();
    } else if (id instanceof Number number) {
      text = number.toString();
    }
    if (text == null) {
      problems.add("_id is " + typeOf(id) + ", not an ObjectId, text or a number");
    } else if (text.length() > MAX_ID) {
      problems.add("_id is longer than " + MAX_ID + " characters");
    }
    return text;
  }

  /** Text, or an ObjectId as its hex (the seed kept list and client ids either way). */
  private static String text(
      Document document, String field, boolean required, List<String> problems) {
    Object value = document.get(field);
    if (value instanceof String string && !string.isBlank()) {
      return string.strip();
    }
    if (value instanceof ObjectId objectId) {
      return objectId.toHexString();
    }
    if (value != null && !(value instanceof String)) {
      problems.add(field + " is " + typeOf(value) + ", not text");
    } else if (required) {
      problems.add(field + " is missing");
    }
    return null;
  }

  private static CampaignStatus status(String raw, List<String> problems) {
    if (raw == null) {
      return null;
    }
    try {
      return CampaignStatus.fromWire(raw.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("status '" + raw + "' is none of the seed's statuses");
      return null;
    }
  }

  /** A BSON date or an ISO 8601 string with an offset; absent, null or blank: null. */
  private static Instant time(Document document, String field, List<String> problems) {
    Object value = document.get(field);
    if (value == null || (value instanceof String string && string.isBlank())) {
      return null;
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof String string) {
      try {
        return OffsetDateTime.parse(string.strip()).toInstant();
      } catch (DateTimeException e) {
        problems.add(field + " '" + string + "' is not an ISO 8601 time with an offset");
        return null;
      }
    }
    problems.add(field + " is " + typeOf(value) + ", not a date");
    return null;
  }

  private static String typeOf(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Document) {
      return "a document";
    } else if (value instanceof List<?>) {
      return "a list";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a " + value.getClass().getSimpleName();
  }
}
