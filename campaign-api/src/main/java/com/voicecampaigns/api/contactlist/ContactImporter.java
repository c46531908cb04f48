package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.contactlist.ImportReport.RejectedRow;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.contact.ContactDocument;
import com.voicecampaigns.store.contact.ContactListDocument;
import com.voicecampaigns.store.contact.ContactStore;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes an upload's rows into a new list, in bounded memory whatever the upload's size: rows are
 * validated one by one and inserted in unordered batches; duplicates are found by the unique index
 * on list and phone (duplicate-key errors are counted, not kept in a set). The list stays {@code
 * importing}, invisible to campaigns, until every row is written; if the upload fails the list and
 * its contacts are deleted.
 *
 * <p>A batch's insert runs on an inserter thread while the request thread reads and validates the
 * next one: at most one batch in flight per import (so at most two in memory), and the next is sent
 * only once the previous one was answered. A failure on either side waits for the batch in flight
 * before the list is deleted, so no insert lands after the deletion.
 */
@Component
class ContactImporter {

  private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);

  private final ContactStore contacts;
  private final ApiProperties.ContactLists settings;
  private final ContactRows rows;
  private final Clock clock;
  private final ExecutorService inserters;

  ContactImporter(ContactStore contacts, ApiProperties properties, Clock clock) {
    this.contacts = contacts;
    this.settings = properties.contactLists();
    this.rows = new ContactRows(properties.contactLists());
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    // one per upload this instance takes at once (UploadSlots): an import never waits for a thread
    this.inserters =
        Executors.newFixedThreadPool(
            properties.uploads().maxConcurrentUploads(),
            task -> {
              Thread thread = new Thread(task, "contact-inserter-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @PreDestroy
  void stop() {
    inserters.shutdownNow();
  }

  ImportReport importRows(String clientId, String name, Iterator<ContactRow> rows) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String listId = Ids.newId();
    contacts.createList(ContactListDocument.importing(listId, clientId, name, now));
    var tally = new Tally(settings.maxReportedErrors());
    CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    try {
      List<ContactDocument> batch = new ArrayList<>(settings.importBatchSize());
      while (rows.hasNext()) {
        ContactDocument contact = toContact(listId, rows.next(), tally);
        if (contact != null) {
          batch.add(contact);
        }
        if (batch.size() >= settings.importBatchSize()) {
          awaitInsert(inFlight);
          List<ContactDocument> full = batch;
          inFlight = CompletableFuture.runAsync(() -> insert(listId, full, tally), inserters);
          batch = new ArrayList<>(settings.importBatchSize());
        }
      }
      awaitInsert(inFlight);
      insert(listId, batch, tally);
      if (tally.rows == 0) {
        throw ApiProblem.invalid("contacts", "the upload has no contact rows");
      }
      if (!contacts.markReady(listId, tally.accepted, clock.instant())) {
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
      try {
        awaitInsert(inFlight);
      } catch (RuntimeException alsoFailed) {
        if (alsoFailed != failure) {
          failure.addSuppressed(alsoFailed);
        }
      }
      discard(listId);
      throw failure;
    }
  }

  /** Waits for the batch in flight; its failure is thrown as it was. */
  private static void awaitInsert(CompletableFuture<Void> inFlight) {
    try {
      inFlight.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private ContactDocument toContact(String listId, ContactRow row, Tally tally) {
    tally.rows++;
    ContactRows.Outcome outcome = rows.validate(listId, row);
    if (outcome.rejection() != null) {
      tally.reject(row, outcome.rejection());
    }
    return outcome.contact();
  }

  /**
   * Inserts a batch; a number already in the list is a duplicate, anything else a failure. Its
   * counts are the inserter's alone until the request thread has waited for it.
   */
  private void insert(String listId, List<ContactDocument> batch, Tally tally) {
    if (batch.isEmpty()) {
      return;
    }
    int duplicates = contacts.insertContacts(batch);
    tally.accepted += batch.size() - duplicates;
    tally.duplicates += duplicates;
    batch.clear();
    contacts.touch(listId, clock.instant());
  }

  private void discard(String listId) {
    try {
      contacts.delete(listId);
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
