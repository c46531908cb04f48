package com.voicecampaigns.worker.dialing;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.worker.lease.Lease;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Walks a list's contacts in {@code _id} order from the cursor stored on the campaign, holding one
 * batch in memory at a time, so a campaign's heap does not grow with its list.
 *
 * <p>One server-side cursor ({@code find} sorted by {@code _id}, read {@code batchSize} documents
 * per {@code getMore}) serves the whole walk: MongoDB answers it from the {@code {listId, _id}}
 * index, and the worker never asks again for what it has seen. Should MongoDB drop the cursor (it
 * times out idle cursors, e.g. while the campaign waits for its calling window), the walk opens a
 * new one after the last contact it fetched. Each batch comes with the contacts that already have a
 * first attempt, which a worker taking a campaign over skips without trying to claim them.
 */
final class ContactWalk implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ContactWalk.class);

  private final MongoTemplate mongo;
  private final List<Object> listIds;
  private final int batchSize;
  private final Function<Collection<String>, Set<String>> alreadyClaimed;
  private final Consumer<String> batchDone;
  private final Deque<Contact> batch = new ArrayDeque<>();
  private Set<String> claimed = Set.of();
  private MongoCursor<Document> cursor;
  private Object lastFetched;
  private String position;
  private boolean exhausted;

  /**
   * @param after the id of the last contact handed to the dialler, {@code null} to start at the
   *     beginning
   * @param alreadyClaimed answers which of a batch's contact ids have a first attempt already
   * @param batchDone told the id of the last contact of each batch once it is used up
   */
  ContactWalk(
      MongoTemplate mongo,
      String listId,
      String after,
      int batchSize,
      Function<Collection<String>, Set<String>> alreadyClaimed,
      Consumer<String> batchDone) {
    this.mongo = mongo;
    // campaign-api stores listId as the list's id text; an ObjectId is accepted as well
    this.listIds =
        ObjectId.isValid(listId) ? List.of(listId, new ObjectId(listId)) : List.of(listId);
    this.batchSize = batchSize;
    this.alreadyClaimed = alreadyClaimed;
    this.batchDone = batchDone;
    this.position = after;
    this.lastFetched = after == null ? null : Lease.objectId(after);
  }

  /** The next contact, or {@code null} when the list is walked to its end. */
  Contact peek() {
    if (batch.isEmpty() && !exhausted) {
      fetch();
    }
    return batch.peekFirst();
  }

  /** Whether the contact {@link #peek()} returned has a first attempt already. */
  boolean claimed(Contact contact) {
    return claimed.contains(contact.id());
  }

  /** Moves past the contact {@link #peek()} returned. */
  void advance() {
    Contact done = batch.pollFirst();
    if (done != null) {
      position = done.id();
      if (batch.isEmpty()) {
        batchDone.accept(position);
      }
    }
  }

  /** The id of the last contact moved past, {@code null} before the first. */
  String position() {
    return position;
  }

  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }

  private void fetch() {
    List<String> ids = new ArrayList<>(batchSize);
    try {
      readBatch(ids);
    } catch (MongoException dropped) {
      log.info("contact cursor lost ({}); reopening after {}", dropped.getMessage(), lastFetched);
      close();
      readBatch(ids);
    }
    if (ids.isEmpty()) {
      exhausted = true;
      claimed = Set.of();
      close();
    } else {
      claimed = alreadyClaimed.apply(ids);
    }
  }

  private void readBatch(List<String> ids) {
    if (cursor == null) {
      cursor = open();
    }
    while (ids.size() < batchSize && cursor.hasNext()) {
      Document doc = cursor.next();
      Object rawId = doc.get(ContactFields.ID);
      String id = rawId instanceof ObjectId objectId ? objectId.toHexString() : rawId.toString();
      lastFetched = rawId;
      ids.add(id);
      batch.add(
          new Contact(
              id, doc.getString(ContactFields.PHONE), doc.getString(ContactFields.TIMEZONE)));
    }
  }

  private MongoCursor<Document> open() {
    Bson filter = in(ContactFields.LIST_ID, listIds);
    if (lastFetched != null) {
      filter = and(filter, gt(ContactFields.ID, lastFetched));
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
