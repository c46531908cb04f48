package com.voicecampaigns.api.contactlist;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.contactlist.ContactListRequest.ContactInput;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.contact.ContactFields;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

@Service
class ContactListService {

  private final MongoTemplate mongo;
  private final ContactImporter importer;
  private final ApiProperties.ContactLists settings;
  private final Clock clock;

  ContactListService(
      MongoTemplate mongo, ContactImporter importer, ApiProperties properties, Clock clock) {
    this.mongo = mongo;
    this.importer = importer;
    this.settings = properties.contactLists();
    this.clock = clock;
    mongo
        .indexOps(Contact.class)
        .createIndex(
            new Index()
                .on(ContactFields.LIST_ID, Sort.Direction.ASC)
                .on(ContactFields.PHONE, Sort.Direction.ASC)
                .unique());
    mongo
        .indexOps(ContactList.class)
        .createIndex(
            new Index()
                .on(ContactFields.CLIENT_ID, Sort.Direction.ASC)
                .on(ContactFields.CREATED_AT, Sort.Direction.DESC));
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
    Criteria criteria = new Criteria();
    if (caller.tenantFilter() != null) {
      criteria = where(ContactFields.CLIENT_ID).is(caller.tenantFilter());
    }
    Query query = Query.query(criteria);
    long total = mongo.count(query, ContactList.class);
    query
        .with(Sort.by(Sort.Direction.DESC, ContactFields.CREATED_AT))
        .skip(paging.offset())
        .limit(paging.size());
    return PageView.of(
        mongo.find(query, ContactList.class).stream().map(ContactListView::of).toList(),
        paging,
        total);
  }

  ContactListView get(Caller caller, String listId) {
    return ContactListView.of(visible(caller, listId));
  }

  PageView<ContactView> contacts(Caller caller, String listId, Paging paging) {
    visible(caller, listId);
    Query query = Query.query(where(ContactFields.LIST_ID).is(listId));
    long total = mongo.count(query, Contact.class);
    query.with(Sort.by(ContactFields.ID)).skip(paging.offset()).limit(paging.size());
    return PageView.of(
        mongo.find(query, Contact.class).stream().map(ContactView::of).toList(), paging, total);
  }

  /**
   * Deletes a list unless an unfinished campaign uses it. The list is first marked {@code
   * deleting}, so no new campaign can take it while its users are checked; a campaign created in
   * that instant sees the mark after its insert and fails itself.
   */
  void delete(Caller caller, String listId) {
    ContactList list = visible(caller, listId);
    Query deletable =
        Query.query(
            where(ContactFields.ID)
                .is(new ObjectId(list.id()))
                .and(ContactFields.STATUS)
                .in(ContactFields.LIST_READY, ContactFields.LIST_DELETING));
    ContactList marked =
        mongo.findAndModify(
            deletable,
            new Update()
                .set(ContactFields.STATUS, ContactFields.LIST_DELETING)
                .set(ContactFields.UPDATED_AT, clock.instant()),
            FindAndModifyOptions.options().returnNew(true),
            ContactList.class);
    if (marked == null) {
      throw ApiProblem.conflict(
          ProblemTypes.CONFLICT,
          "the list is still being imported",
          Map.of("listStatus", list.status()));
    }
    List<String> users = unfinishedCampaignsUsing(list.id());
    if (!users.isEmpty()) {
      mongo.updateFirst(
          Query.query(
              where(ContactFields.ID)
                  .is(new ObjectId(list.id()))
                  .and(ContactFields.STATUS)
                  .is(ContactFields.LIST_DELETING)),
          Update.update(ContactFields.STATUS, ContactFields.LIST_READY),
          ContactList.class);
      throw ApiProblem.conflict(
          ProblemTypes.LIST_IN_USE,
          "the list is used by campaigns that are not finished",
          Map.of("campaignIds", users));
    }
    mongo.remove(
        Query.query(where(ContactFields.LIST_ID).is(list.id())), ContactFields.CONTACT_COLLECTION);
    mongo.remove(
        Query.query(where(ContactFields.ID).is(new ObjectId(list.id()))), ContactList.class);
  }

  private List<String> unfinishedCampaignsUsing(String listId) {
    List<String> unfinished =
        Arrays.stream(CampaignStatus.values())
            .filter(status -> !status.isFinished())
            .map(CampaignStatus::wire)
            .toList();
    Query query =
        Query.query(
            where(CampaignFields.LIST_ID).is(listId).and(CampaignFields.STATUS).in(unfinished));
    query.fields().include(CampaignFields.ID);
    return mongo.find(query.limit(20), Document.class, CampaignFields.COLLECTION).stream()
        .map(doc -> doc.getObjectId(CampaignFields.ID).toHexString())
        .toList();
  }

  /** The list, if it exists and the caller may see it; otherwise 404, also for other tenants. */
  private ContactList visible(Caller caller, String listId) {
    ContactList list =
        listId != null && ObjectId.isValid(listId)
            ? mongo.findById(new ObjectId(listId), ContactList.class)
            : null;
    if (list == null || !caller.canAccess(list.clientId())) {
      throw ApiProblem.notFound("no contact list " + listId);
    }
    return list;
  }
}
