package com.voicecampaigns.store.contact;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.store.Ids;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * A list's contacts in {@code _id} order after a given one, through one server-side cursor ({@code
 * find} sorted by {@code _id}, {@code batchSize} documents per {@code getMore}) that MongoDB
 * answers from the {@code {listId, _id}} index. Should MongoDB drop the cursor (it times out idle
 * cursors, e.g. while a campaign waits for its calling window), a new one opens after the last
 * contact read. Only the fields the dialler needs are read (id, phone, time zone).
 */
public final class ContactCursor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ContactCursor.class);

  private final MongoOperations mongo;
  private final List<Object> listIds;
  private final int batchSize;
  private MongoCursor<Document> cursor;
  private Object lastRead;

  ContactCursor(MongoOperations mongo, String listId, String after, int batchSize) {
    this.mongo = mongo;
    // campaign-api stores listId as the list's id text; an ObjectId is accepted as well
    this.listIds =
        ObjectId.isValid(listId) ? List.of(listId, new ObjectId(listId)) : List.of(listId);
    this.batchSize = batchSize;
    this.lastRead = after == null ? null : Ids.stored(after);
  }

  /**
   * The next contact, {@code null} at the end of the list; only its id, phone and time zone are
   * read.
   */
  public ContactDocument next() {
    try {
      return read();
    } catch (MongoException dropped) {
      log.info("contact cursor lost ({}); reopening after {}", dropped.getMessage(), lastRead);
      close();
      return read();
    }
  }

  private ContactDocument read() {
    if (cursor == null) {
      cursor = open();
    }
    if (!cursor.hasNext()) {
      return null;
    }
    Document doc = cursor.next();
    lastRead = doc.get(ContactFields.ID);
    return mongo.getConverter().read(ContactDocument.class, doc);
  }

  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }

  private MongoCursor<Document> open() {
    Bson filter = in(ContactFields.LIST_ID, listIds);
    if (lastRead != null) {
      filter = and(filter, gt(ContactFields.ID, lastRead));
    }
    return mongo
        .getCollection(ContactFields.CONTACT_COLLECTION)
        .find(filter)
        .projection(
            Projections.include(ContactFields.ID, ContactFields.PHONE, ContactFields.TIMEZONE))
        .sort(Sorts.ascending(ContactFields.ID))
        .batchSize(batchSize)
        .iterator();
  }
}
