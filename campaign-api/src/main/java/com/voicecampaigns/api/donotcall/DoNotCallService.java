package com.voicecampaigns.api.donotcall;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.contactlist.ContactRow;
import com.voicecampaigns.api.contactlist.CsvContacts;
import com.voicecampaigns.api.donotcall.DoNotCallReport.RejectedRow;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.contact.PhoneNumber;
import com.voicecampaigns.model.contact.PhoneNumber.InvalidPhoneNumberException;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.suppression.DoNotCallEntry;
import com.voicecampaigns.store.suppression.DoNotCallStore;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The caller's do-not-call list: numbers normalised to E.164 as contacts are, each once per tenant
 * (the store's unique index counts repeats as duplicates). A CSV import is streamed and written in
 * batches, like a contact list's, and a failed one takes off the numbers it had added.
 */
@Service
class DoNotCallService {

  static final int MAX_JSON_NUMBERS = 10_000;
  private static final Logger log = LoggerFactory.getLogger(DoNotCallService.class);

  private final DoNotCallStore store;
  private final ApiProperties.ContactLists settings;
  private final String defaultRegion;
  private final Clock clock;

  DoNotCallService(DoNotCallStore store, ApiProperties properties, Clock clock) {
    this.store = store;
    this.settings = properties.contactLists();
    String region = settings.defaultRegion();
    this.defaultRegion = region == null || region.isBlank() ? null : region.strip();
    this.clock = clock;
  }

  /** Adds the numbers of a JSON request; one invalid number refuses it whole (400, per index). */
  DoNotCallReport add(Caller caller, DoNotCallRequest request) {
    String tenant = caller.requireTenant();
    var v = new Validation();
    List<String> numbers = request.numbers();
    if (numbers == null || numbers.isEmpty()) {
      v.reject("numbers", "must contain at least one number");
    } else if (numbers.size() > MAX_JSON_NUMBERS) {
      v.reject(
          "numbers", "must contain at most " + MAX_JSON_NUMBERS + " numbers (or import a CSV)");
    }
    v.throwIfInvalid();
    Instant now = now();
    int maxErrors = Math.max(1, settings.maxReportedErrors());
    List<DoNotCallEntry> entries = new ArrayList<>(numbers.size());
    for (int i = 0; i < numbers.size(); i++) {
      try {
        entries.add(entry(tenant, numbers.get(i), "api", null, caller.subject(), now));
      } catch (InvalidPhoneNumberException e) {
        if (v.errorCount() < maxErrors) {
          v.reject("numbers[" + i + "]", e.getMessage());
        }
      }
    }
    v.throwIfInvalid();
    long duplicates = 0;
    for (int from = 0; from < entries.size(); from += settings.importBatchSize()) {
      int to = Math.min(entries.size(), from + settings.importBatchSize());
      duplicates += store.add(entries.subList(from, to));
    }
    return new DoNotCallReport(entries.size() - duplicates, duplicates, 0, List.of(), false);
  }

  /**
   * Imports the {@code phone} column of a CSV stream (the contact lists' header names and limits);
   * rows with an invalid number are reported, not stored. An upload that fails (bad CSV, a limit, a
   * broken connection) takes off every number it added and answers the error.
   */
  DoNotCallReport importCsv(Caller caller, InputStream csv) {
    String tenant = caller.requireTenant();
    String importId = Ids.newId();
    Instant now = now();
    var tally = new Tally(settings.maxReportedErrors());
    List<DoNotCallEntry> batch = new ArrayList<>(settings.importBatchSize());
    try (CsvContacts rows = CsvContacts.open(csv, settings)) {
      while (rows.hasNext()) {
        ContactRow row = rows.next();
        tally.rows++;
        try {
          batch.add(entry(tenant, row.phone(), "csv", importId, caller.subject(), now));
        } catch (InvalidPhoneNumberException e) {
          tally.reject(row, e.getMessage());
        }
        if (batch.size() >= settings.importBatchSize()) {
          tally.write(store, batch);
        }
      }
      tally.write(store, batch);
      if (tally.rows == 0) {
        throw ApiProblem.invalid("numbers", "the upload has no rows");
      }
    } catch (RuntimeException failure) {
      discard(tenant, importId);
      throw failure;
    }
    return new DoNotCallReport(
        tally.added,
        tally.duplicates,
        tally.rejected,
        List.copyOf(tally.errors),
        tally.rejected > tally.errors.size());
  }

  PageView<DoNotCallView> page(Caller caller, Paging paging) {
    String tenant = caller.requireTenant();
    return PageView.of(
        store.page(tenant, paging.offset(), paging.size()).stream().map(DoNotCallView::of).toList(),
        paging,
        store.count(tenant));
  }

  DoNotCallView get(Caller caller, String phone) {
    String tenant = caller.requireTenant();
    String e164 = pathNumber(phone);
    return store
        .find(tenant, e164)
        .map(DoNotCallView::of)
        .orElseThrow(() -> ApiProblem.notFound(e164 + " is not on the do-not-call list"));
  }

  void remove(Caller caller, String phone) {
    String tenant = caller.requireTenant();
    String e164 = pathNumber(phone);
    if (!store.remove(tenant, e164)) {
      throw ApiProblem.notFound(e164 + " is not on the do-not-call list");
    }
  }

  private String pathNumber(String raw) {
    try {
      return PhoneNumber.parse(raw, defaultRegion).e164();
    } catch (InvalidPhoneNumberException e) {
      throw ApiProblem.invalid("phone", e.getMessage());
    }
  }

  private DoNotCallEntry entry(
      String tenant, String raw, String source, String importId, String by, Instant now) {
    String e164 = PhoneNumber.parse(raw, defaultRegion).e164();
    return new DoNotCallEntry(Ids.newId(), tenant, e164, source, importId, by, now);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void discard(String tenant, String importId) {
    try {
      store.removeImport(tenant, importId);
    } catch (RuntimeException e) {
      log.error("could not take off the numbers of failed import {}", importId, e);
    }
  }

  private static final class Tally {
    final int maxErrors;
    final List<RejectedRow> errors = new ArrayList<>();
    long rows;
    long added;
    long rejected;
    long duplicates;

    Tally(int maxErrors) {
      this.maxErrors = maxErrors;
    }

    void reject(ContactRow row, String reason) {
      rejected++;
      if (errors.size() < maxErrors) {
        String phone = row.phone();
        errors.add(
            new RejectedRow(
                row.row(),
                phone == null || phone.length() <= 64 ? phone : phone.substring(0, 64) + "…",
                reason));
      }
    }

    void write(DoNotCallStore store, List<DoNotCallEntry> batch) {
      if (batch.isEmpty()) {
        return;
      }
      int repeated = store.add(batch);
      added += batch.size() - repeated;
      duplicates += repeated;
      batch.clear();
    }
  }
}
