package com.voicecampaigns.worker.dialing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

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
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Walks a list's contacts in {@code _id} order, one batch in memory at a time (keyset pagination
 * from the cursor stored on the campaign), so a campaign's heap does not grow with its list. Each
 * batch comes with the contacts that already have a first attempt, which a worker taking a campaign
 * over skips without trying to claim them.
 */
final class ContactWalk {

  private final MongoTemplate mongo;
  private final List<Object> listIds;
  private final int batchSize;
  private final Function<Collection<String>, Set<String>> alreadyClaimed;
  private final Consumer<String> batchDone;
  private final Deque<Contact> batch = new ArrayDeque<>();
  private Set<String> claimed = Set.of();
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

  private void fetch() {
    Criteria criteria = where(ContactFields.LIST_ID).in(listIds);
    if (position != null) {
      criteria = criteria.and(ContactFields.ID).gt(Lease.objectId(position));
    }
    Query query = new Query(criteria).with(Sort.by(ContactFields.ID)).limit(batchSize);
    query.fields().include(ContactFields.ID, ContactFields.PHONE, ContactFields.TIMEZONE);
    List<String> ids = new ArrayList<>(batchSize);
    for (Document doc : mongo.find(query, Document.class, ContactFields.CONTACT_COLLECTION)) {
      Object rawId = doc.get(ContactFields.ID);
      String id = rawId instanceof ObjectId objectId ? objectId.toHexString() : rawId.toString();
      ids.add(id);
      batch.add(
          new Contact(
              id, doc.getString(ContactFields.PHONE), doc.getString(ContactFields.TIMEZONE)));
    }
    if (ids.isEmpty()) {
      exhausted = true;
      claimed = Set.of();
    } else {
      claimed = alreadyClaimed.apply(ids);
    }
  }
}
