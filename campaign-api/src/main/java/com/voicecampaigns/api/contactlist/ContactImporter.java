package com.voicecampaigns.api.contactlist;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.contactlist.ImportReport.RejectedRow;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.model.contact.ContactFields;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes an upload's rows into a new list, in bounded memory whatever the upload's size: rows are
 * validated one by one and inserted in unordered batches; duplicates are found by the unique index
 * on list and phone (duplicate-key errors are counted, not kept in a set). The list stays {@code
 * importing}, invisible to campaigns, until every row is written; if the upload fails the list and
 * its contacts are deleted.
 */
@Component
class ContactImporter {

  private static final int DUPLICATE_KEY = 11000;
  private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);

  private final MongoTemplate mongo;
  private final ApiProperties.ContactLists settings;
  private final ContactRows rows;
  private final Clock clock;

  ContactImporter(MongoTemplate mongo, ApiProperties properties, Clock clock) {
    this.mongo = mongo;
    this.settings = properties.contactLists();
    this.rows = new ContactRows(properties.contactLists());
    this.clock = clock;
  }

  ImportReport importRows(String clientId, String name, Iterator<ContactRow> rows) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String listId = new ObjectId().toHexString();
    mongo.insert(
        new ContactList(listId, clientId, name, ContactFields.LIST_IMPORTING, 0, now, now));
    try {
      var tally = new Tally(settings.maxReportedErrors());
      List<Document> batch = new ArrayList<>(settings.importBatchSize());
      while (rows.hasNext()) {
        Document contact = toDocument(listId, rows.next(), tally);
        if (contact != null) {
          batch.add(contact);
        }
        if (batch.size() >= settings.importBatchSize()) {
          insert(listId, batch, tally);
        }
      }
      insert(listId, batch, tally);
      if (tally.rows == 0) {
        throw ApiProblem.invalid("contacts", "the upload has no contact rows");
      }
      long completed =
          mongo
              .updateFirst(
                  Query.query(
                      where(ContactFields.ID)
                          .is(listId)
                          .and(ContactFields.STATUS)
                          .is(ContactFields.LIST_IMPORTING)),
                  new Update()
                      .set(ContactFields.STATUS, ContactFields.LIST_READY)
                      .set(ContactFields.CONTACT_COUNT, tally.accepted)
                      .set(ContactFields.UPDATED_AT, clock.instant()),
                  ContactList.class)
              .getModifiedCount();
      if (completed != 1) {
        // the stale-import cleaner took it: it was too slow to be told from a dead one
        throw new IllegalStateException("list " + listId + " was removed while it was imported");
      }
      return new ImportReport(
          listId,
          name,
          ContactFields.LIST_READY,
          tally.accepted,
          tally.rejected,
          tally.duplicates,
          List.copyOf(tally.errors),
          tally.rejected > tally.errors.size(),
          now);
    } catch (RuntimeException failure) {
      discard(listId);
      throw failure;
    }
  }

  private Document toDocument(String listId, ContactRow row, Tally tally) {
    tally.rows++;
    ContactRows.Outcome outcome = rows.validate(listId, row);
    if (outcome.rejection() != null) {
      tally.reject(row, outcome.rejection());
    }
    return outcome.contact();
  }

  /** Inserts a batch; a number already in the list is a duplicate, anything else a failure. */
  private void insert(String listId, List<Document> batch, Tally tally) {
    if (batch.isEmpty()) {
      return;
    }
    int duplicates = 0;
    try {
      mongo
          .getCollection(ContactFields.CONTACT_COLLECTION)
          .insertMany(batch, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCode() != DUPLICATE_KEY) {
          throw e;
        }
        duplicates++;
      }
    }
    // counted from the errors: mongo-java-server misreports insertedCount on partial failures
    tally.accepted += batch.size() - duplicates;
    tally.duplicates += duplicates;
    batch.clear();
    mongo.updateFirst(
        Query.query(where(ContactFields.ID).is(listId)),
        Update.update(ContactFields.UPDATED_AT, clock.instant()),
        ContactList.class);
  }

  private void discard(String listId) {
    try {
      mongo.remove(
          Query.query(where(ContactFields.LIST_ID).is(listId)), ContactFields.CONTACT_COLLECTION);
      mongo.remove(Query.query(where(ContactFields.ID).is(listId)), ContactList.class);
    } catch (RuntimeException e) {
      log.error("could not remove the failed import of list {}", listId, e);
    }
  }

  private static final class Tally {
    final int maxErrors;
    final List<RejectedRow> errors = new ArrayList<>();
    long rows;
    long accepted;
    long rejected;
    long duplicates;

    Tally(int maxErrors) {
      this.maxErrors = maxErrors;
    }

    void reject(ContactRow row, String reason) {
      rejected++;
      if (errors.size() < maxErrors) {
        errors.add(new RejectedRow(row.row(), ContactRows.abbreviate(row.phone()), reason));
      }
    }
  }
}
