package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.contactlist.ContactListRequest.ContactInput;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.contact.ContactListDocument;
import com.voicecampaigns.store.contact.ContactStore;
import java.io.InputStream;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;

@Service
class ContactListService {

  private final ContactStore contacts;
  private final CampaignReads campaigns;
  private final ContactImporter importer;
  private final ApiProperties.ContactLists settings;
  private final Clock clock;

  ContactListService(
      ContactStore contacts,
      CampaignReads campaigns,
      ContactImporter importer,
      ApiProperties properties,
      Clock clock) {
    this.contacts = contacts;
    this.campaigns = campaigns;
    this.importer = importer;
    this.settings = properties.contactLists();
    this.clock = clock;
  }

  ImportReport createFromJson(Caller caller, ContactListRequest request) {
    String tenant = caller.requireTenant();
    var validation = new Validation();
    String name = validName(request.name(), validation);
    if (request.contacts() == null || request.contacts().isEmpty()) {
      validation.reject("contacts", "must contain at least one contact");
    } else {
      rejectNullVariables(request.contacts(), validation);
    }
    validation.throwIfInvalid();
    AtomicLong row = new AtomicLong();
    Iterator<ContactRow> rows =
        request.contacts().stream().map(input -> toRow(row.incrementAndGet(), input)).iterator();
    return importer.importRows(tenant, name, rows);
  }

  ImportReport createFromCsv(Caller caller, String name, InputStream csv) {
    String tenant = caller.requireTenant();
    var validation = new Validation();
    String validName = validName(name, validation);
    validation.throwIfInvalid();
    try (CsvContacts rows = CsvContacts.open(csv, settings)) {
      return importer.importRows(tenant, validName, rows);
    }
  }

  /**
   * A {@code null} variable value is a value of the wrong type, like an object would be: the whole
   * request is refused, naming each such field (up to the number of errors an import reports).
   */
  private void rejectNullVariables(List<ContactInput> contacts, Validation validation) {
    int limit = Math.max(1, settings.maxReportedErrors());
    for (int i = 0; i < contacts.size() && validation.errorCount() < limit; i++) {
      ContactInput input = contacts.get(i);
      if (input == null || input.variables() == null) {
        continue;
      }
      for (Map.Entry<String, String> variable : input.variables().entrySet()) {
        if (variable.getValue() == null && validation.errorCount() < limit) {
          validation.reject(
              "contacts[" + i + "].variables." + ContactRows.abbreviate(variable.getKey()),
              "must be a string, not null (row " + (i + 1) + ")");
        }
      }
    }
  }

  private static ContactRow toRow(long row, ContactInput input) {
    if (input == null) {
      return new ContactRow(row, null, null, null, Map.of());
    }
    return new ContactRow(row, input.phone(), input.name(), input.timezone(), input.variables());
  }

  static String validName(String name, Validation validation) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty() || stripped.length() > ContactRows.MAX_NAME_LENGTH) {
      validation.reject("name", "must be 1 to " + ContactRows.MAX_NAME_LENGTH + " characters");
    }
    return stripped;
  }

  PageView<ContactListView> page(Caller caller, Paging paging) {
    String tenant = caller.tenantFilter();
    long total = contacts.countLists(tenant);
    return PageView.of(
        contacts.lists(tenant, paging.offset(), paging.size()).stream()
            .map(ContactListView::of)
            .toList(),
        paging,
        total);
  }

  ContactListView get(Caller caller, String listId) {
    return ContactListView.of(visible(caller, listId));
  }

  PageView<ContactView> contacts(Caller caller, String listId, Paging paging) {
    visible(caller, listId);
    long total = contacts.countContacts(listId);
    return PageView.of(
        contacts.contacts(listId, paging.offset(), paging.size()).stream()
            .map(ContactView::of)
            .toList(),
        paging,
        total);
  }

  /**
   * Deletes a list unless an unfinished campaign uses it. The list is first marked {@code
   * deleting}, so no new campaign can take it while its users are checked; a campaign created in
   * that instant sees the mark after its insert and fails itself.
   */
  void delete(Caller caller, String listId) {
    ContactListDocument list = visible(caller, listId);
    Optional<ContactListDocument> marked = contacts.markDeleting(list.id(), clock.instant());
    if (marked.isEmpty()) {
      throw ApiProblem.conflict(
          ProblemTypes.CONFLICT,
          "the list is still being imported",
          Map.of("listStatus", list.status()));
    }
    List<String> users = campaigns.unfinishedUsing(list.id(), 20);
    if (!users.isEmpty()) {
      contacts.unmarkDeleting(list.id());
      throw ApiProblem.conflict(
          ProblemTypes.LIST_IN_USE,
          "the list is used by campaigns that are not finished",
          Map.of("campaignIds", users));
    }
    contacts.delete(list.id());
  }

  /** The list, if it exists and the caller may see it; otherwise 404, also for other tenants. */
  private ContactListDocument visible(Caller caller, String listId) {
    ContactListDocument list = contacts.findList(listId).orElse(null);
    if (list == null || !caller.canAccess(list.clientId())) {
      throw ApiProblem.notFound("no contact list " + listId);
    }
    return list;
  }
}
