package com.voicecampaigns.store.contact;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.UniqueInserts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Contact lists and their contacts. A list is {@code importing} (invisible to campaigns) while its
 * contacts are written, {@code ready} once complete, and {@code deleting} while it is removed; each
 * change of status is a conditional update, so an import, a deletion and the stale-import cleaner
 * never fight over one list.
 */
public class ContactStore {

  private final MongoOperations mongo;

  public ContactStore(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** Inserts a new (importing) list. */
  public void createList(ContactListDocument list) {
    mongo.insert(list);
  }

  /**
   * Inserts contacts in one unordered bulk write; a number already in the list (the unique index on
   * list and phone) is a duplicate and skipped, any other failure is thrown. Answers how many were
   * duplicates.
   */
  public int insertContacts(List<ContactDocument> contacts) {
    return UniqueInserts.insertSkippingDuplicates(
        mongo, ContactFields.CONTACT_COLLECTION, contacts);
  }

  /** Records that the import of {@code listId} is alive (the stale-import cleaner reads it). */
  public void touch(String listId, Instant now) {
    mongo.updateFirst(
        byId(listId), Update.update(ContactFields.UPDATED_AT, now), ContactListDocument.class);
  }

  /** importing → ready with {@code contactCount}; false when the list was removed meanwhile. */
  public boolean markReady(String listId, long contactCount, Instant now) {
    return mongo
            .updateFirst(
                withStatus(listId, ContactFields.LIST_IMPORTING),
                new Update()
                    .set(ContactFields.STATUS, ContactFields.LIST_READY)
                    .set(ContactFields.CONTACT_COUNT, contactCount)
                    .set(ContactFields.UPDATED_AT, now),
                ContactListDocument.class)
            .getModifiedCount()
        == 1;
  }

  /**
   * ready (or deleting) → deleting, so that no new campaign takes the list; answers the list as it
   * is now, or empty while it is still importing.
   */
  public Optional<ContactListDocument> markDeleting(String listId, Instant now) {
    Query deletable =
        new Query(
            where(ContactFields.ID)
                .is(Ids.stored(listId))
                .and(ContactFields.STATUS)
                .in(ContactFields.LIST_READY, ContactFields.LIST_DELETING));
    return Optional.ofNullable(
        mongo.findAndModify(
            deletable,
            new Update()
                .set(ContactFields.STATUS, ContactFields.LIST_DELETING)
                .set(ContactFields.UPDATED_AT, now),
            FindAndModifyOptions.options().returnNew(true),
            ContactListDocument.class));
  }

  /** deleting → ready: the deletion was refused. */
  public void unmarkDeleting(String listId) {
    mongo.updateFirst(
        withStatus(listId, ContactFields.LIST_DELETING),
        Update.update(ContactFields.STATUS, ContactFields.LIST_READY),
        ContactListDocument.class);
  }

  /**
   * importing → deleting for a list whose import wrote nothing since {@code cutoff} (its API
   * instance died); answers it, or empty when there is none.
   */
  public Optional<ContactListDocument> claimStaleImport(Instant cutoff, Instant now) {
    return Optional.ofNullable(
        mongo.findAndModify(
            new Query(
                where(ContactFields.STATUS)
                    .is(ContactFields.LIST_IMPORTING)
                    .and(ContactFields.UPDATED_AT)
                    .lt(cutoff)),
            new Update()
                .set(ContactFields.STATUS, ContactFields.LIST_DELETING)
                .set(ContactFields.UPDATED_AT, now),
            FindAndModifyOptions.options().returnNew(true),
            ContactListDocument.class));
  }

  /** Removes the list and its contacts. */
  public void delete(String listId) {
    mongo.remove(
        new Query(where(ContactFields.LIST_ID).is(listId)), ContactFields.CONTACT_COLLECTION);
    mongo.remove(byId(listId), ContactListDocument.class);
  }

  /** The list, if {@code listId} names one. */
  public Optional<ContactListDocument> findList(String listId) {
    if (!Ids.isValid(listId)) {
      return Optional.empty();
    }
    return Optional.ofNullable(mongo.findById(Ids.stored(listId), ContactListDocument.class));
  }

  /** Whether the list exists and is not being deleted (a campaign may still dial it). */
  public boolean listAvailable(String listId) {
    if (listId == null) {
      return false;
    }
    Query query = new Query(where(ContactFields.ID).is(Ids.stored(listId)));
    query.fields().include(ContactFields.STATUS);
    Document list = mongo.findOne(query, Document.class, ContactFields.LIST_COLLECTION);
    return list != null
        && !ContactFields.LIST_DELETING.equals(list.getString(ContactFields.STATUS));
  }

  /** One page of a tenant's lists ({@code clientId} null: every tenant's), newest first. */
  public List<ContactListDocument> lists(String clientId, long offset, int limit) {
    Query query =
        ofTenant(clientId)
            .with(Sort.by(Sort.Direction.DESC, ContactFields.CREATED_AT))
            .skip(offset)
            .limit(limit);
    return mongo.find(query, ContactListDocument.class);
  }

  public long countLists(String clientId) {
    return mongo.count(ofTenant(clientId), ContactListDocument.class);
  }

  /** One page of a list's contacts, in id order. */
  public List<ContactDocument> contacts(String listId, long offset, int limit) {
    Query query =
        new Query(where(ContactFields.LIST_ID).is(listId))
            .with(Sort.by(ContactFields.ID))
            .skip(offset)
            .limit(limit);
    return mongo.find(query, ContactDocument.class);
  }

  public long countContacts(String listId) {
    return mongo.count(new Query(where(ContactFields.LIST_ID).is(listId)), ContactDocument.class);
  }

  /** A contact with its variables, if {@code contactId} names one. */
  public Optional<ContactDocument> contact(String contactId) {
    if (!Ids.isValid(contactId)) {
      return Optional.empty();
    }
    return Optional.ofNullable(mongo.findById(Ids.stored(contactId), ContactDocument.class));
  }

  /**
   * Walks list {@code listId} after contact {@code after} ({@code null}: from its start), reading
   * {@code batchSize} contacts per round trip.
   */
  public ContactCursor walk(String listId, String after, int batchSize) {
    return new ContactCursor(mongo, listId, after, batchSize);
  }

  private static Query byId(String listId) {
    return new Query(where(ContactFields.ID).is(Ids.stored(listId)));
  }

  private static Query withStatus(String listId, String status) {
    return new Query(
        where(ContactFields.ID).is(Ids.stored(listId)).and(ContactFields.STATUS).is(status));
  }

  private static Query ofTenant(String clientId) {
    return new Query(
        clientId == null ? new Criteria() : where(ContactFields.CLIENT_ID).is(clientId));
  }
}
