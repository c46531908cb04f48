package com.voicecampaigns.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.campaign.CampaignCounters;
import com.voicecampaigns.store.campaign.NewCampaign;
import com.voicecampaigns.worker.dialing.CampaignSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes documents the way campaign-api (lists, contacts, campaigns) and campaign-dispatcher
 * (running, dispatchId) do, and reads what the worker wrote.
 */
public final class Fixtures {

  /** Numbers differ per test, so a shared simulator's records can be told apart. */
  private static final AtomicLong NUMBERS = new AtomicLong(14155550000L);

  private final MongoTemplate mongo;

  public Fixtures(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Fresh, distinct E.164 numbers. */
  public static List<String> numbers(int count) {
    List<String> numbers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      numbers.add("+" + NUMBERS.incrementAndGet());
    }
    return numbers;
  }

  /** A ready contact list with one contact per number; answers the list id. */
  public String list(List<String> phones) {
    return list(phones, null);
  }

  /** As {@link #list(List)}, each contact in {@code timezone} (null: none). */
  public String list(List<String> phones, String timezone) {
    ObjectId listId = new ObjectId();
    mongo.insert(
        new Document(ContactFields.ID, listId)
            .append(ContactFields.CLIENT_ID, "client-1")
            .append(ContactFields.NAME, "list " + listId)
            .append(ContactFields.CONTACT_COUNT, phones.size())
            .append("status", "ready")
            .append(ContactFields.CREATED_AT, Instant.now()),
        ContactFields.LIST_COLLECTION);
    List<Document> contacts = new ArrayList<>(phones.size());
    for (String phone : phones) {
      Document contact =
          new Document(ContactFields.ID, new ObjectId())
              .append(ContactFields.LIST_ID, listId.toHexString())
              .append(ContactFields.PHONE, phone)
              .append(ContactFields.NAME, "Contact " + phone)
              .append(ContactFields.VARIABLES, Map.of("plan", "gold"));
      if (timezone != null) {
        contact.append(ContactFields.TIMEZONE, timezone);
      }
      contacts.add(contact);
    }
    mongo.getCollection(ContactFields.CONTACT_COLLECTION).insertMany(contacts);
    return listId.toHexString();
  }

  /** Adds contacts in {@code timezone} to a list. */
  public void addContacts(String listId, List<String> phones, String timezone) {
    List<Document> contacts = new ArrayList<>(phones.size());
    for (String phone : phones) {
      contacts.add(
          new Document(ContactFields.ID, new ObjectId())
              .append(ContactFields.LIST_ID, listId)
              .append(ContactFields.PHONE, phone)
              .append(ContactFields.TIMEZONE, timezone));
    }
    mongo.getCollection(ContactFields.CONTACT_COLLECTION).insertMany(contacts);
  }

  /** A running campaign as the dispatcher leaves it after claiming it; answers its id. */
  public String runningCampaign(String listId, String dispatchId, Document options) {
    ObjectId id = new ObjectId();
    Instant now = Instant.now();
    Document campaign =
        new Document(CampaignFields.ID, id)
            .append(CampaignFields.CLIENT_ID, "client-1")
            .append(CampaignFields.NAME, "campaign " + id)
            .append(CampaignFields.LIST_ID, listId)
            .append(CampaignFields.FROM_NUMBER, "+918035735659")
            .append(CampaignFields.WSS_URL, "wss://bot.example.com/socket")
            .append(CampaignFields.STATUS, CampaignStatus.RUNNING.wire())
            .append(CampaignFields.SCHEDULED_TIME, now)
            .append(CampaignFields.CREATED_AT, now)
            .append(CampaignFields.STARTED_AT, now)
            .append(CampaignFields.DISPATCH_ID, dispatchId)
            .append(CampaignFields.DISPATCHED_AT, now)
            // as the API creates it: progress counters kept from the start
            .append(CampaignFields.COUNTERS, NewCampaign.COUNTERS_VERSION);
    campaign.putAll(options);
    mongo.insert(campaign, CampaignFields.COLLECTION);
    return id.toHexString();
  }

  public static String dispatchId() {
    return UUID.randomUUID().toString();
  }

  public Document campaign(String campaignId) {
    return mongo.findById(new ObjectId(campaignId), Document.class, CampaignFields.COLLECTION);
  }

  public String status(String campaignId) {
    return campaign(campaignId).getString(CampaignFields.STATUS);
  }

  /** A conditional update of the campaign, as the API or the dispatcher makes them. */
  public long update(String campaignId, Document filter, Update update) {
    Query query = new Query(where(CampaignFields.ID).is(new ObjectId(campaignId)));
    filter.forEach((key, value) -> query.addCriteria(where(key).is(value)));
    return mongo.updateFirst(query, update, CampaignFields.COLLECTION).getModifiedCount();
  }

  /** The API's pause: running → paused. */
  public boolean pause(String campaignId) {
    return update(
            campaignId,
            new Document(CampaignFields.STATUS, CampaignStatus.RUNNING.wire()),
            new Update().set(CampaignFields.STATUS, CampaignStatus.PAUSED.wire()))
        == 1;
  }

  /** The API's cancel: scheduled, running or paused → cancelled. */
  public boolean cancel(String campaignId) {
    Query query =
        new Query(
            where(CampaignFields.ID)
                .is(new ObjectId(campaignId))
                .and(CampaignFields.STATUS)
                .in("scheduled", "running", "paused"));
    return mongo
            .updateFirst(
                query,
                new Update().set(CampaignFields.STATUS, CampaignStatus.CANCELLED.wire()),
                CampaignFields.COLLECTION)
            .getModifiedCount()
        == 1;
  }

  /** The API's resume followed by the dispatcher's restart: a new dispatch; answers its id. */
  public String resumeAndRedispatch(String campaignId) {
    String dispatchId = dispatchId();
    Instant now = Instant.now();
    update(
        campaignId,
        new Document(),
        new Update()
            .set(CampaignFields.STATUS, CampaignStatus.RUNNING.wire())
            .set(CampaignFields.DISPATCH_ID, dispatchId)
            .set(CampaignFields.DISPATCHED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL)
            .unset(CampaignFields.RESUME_AT));
    return dispatchId;
  }

  public List<CallAttemptDocument> calls(String campaignId) {
    return mongo.find(
        new Query(where(CallFields.CAMPAIGN_ID).is(campaignId))
            .with(Sort.by(CallFields.CONTACT_ID, CallFields.ATTEMPT)),
        CallAttemptDocument.class);
  }

  public List<CallAttemptDocument> callsTo(String campaignId, String phone) {
    return mongo.find(
        new Query(where(CallFields.CAMPAIGN_ID).is(campaignId).and(CallFields.TO).is(phone))
            .with(Sort.by(CallFields.ATTEMPT)),
        CallAttemptDocument.class);
  }

  /** The campaign's {@code stats.<status>} counter, 0 when absent. */
  public long stat(String campaignId, String status) {
    Document stats = campaign(campaignId).get(CampaignFields.STATS, Document.class);
    Object count = stats == null ? null : stats.get(status);
    return count == null ? 0 : ((Number) count).longValue();
  }

  /** The kill switch, as an operator flips it with mongosh. */
  public void dialing(boolean enabled) {
    mongo.upsert(
        new Query(where("_id").is("dialing")),
        new Update().set("enabled", enabled).set("reason", "test").set("updatedAt", Instant.now()),
        "controls");
  }

  /** A CampaignStart as the dispatcher publishes it (JSON). */
  public static String startEvent(String campaignId, String dispatchId) {
    return "{\"campaignId\":\""
        + campaignId
        + "\",\"dispatchId\":\""
        + dispatchId
        + "\",\"occurredAt\":\""
        + Instant.now()
        + "\"}";
  }

  /**
   * Waits until the campaign's progress counters, kept by every transition, equal a recount of its
   * call documents (the last callbacks may still be landing when it completes).
   */
  public void awaitCountersEqualARecount(String campaignId) {
    CampaignCounters counters = new CampaignCounters(mongo, new CallAttemptReads(mongo));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(counters.stored(campaignId)).contains(counters.recount(campaignId)));
    // equal by the transitions' own bookkeeping, not by the recount a session end writes
    Document campaign =
        mongo.findById(new ObjectId(campaignId), Document.class, CampaignFields.COLLECTION);
    assertThat(campaign.get(CampaignFields.COUNTERS_MENDED)).as("counters mended").isNull();
  }

  /**
   * A running campaign over {@code phones}, started on {@code worker} as its CampaignStart would.
   */
  public String startOn(WorkerInstance worker, List<String> phones, Document options) {
    String dispatchId = dispatchId();
    String campaignId = runningCampaign(list(phones), dispatchId, options);
    assertThat(worker.start(campaignId, dispatchId))
        .isEqualTo(CampaignSessions.StartOutcome.STARTED);
    return campaignId;
  }

  /** Waits (40 s at most) until the campaign has {@code status}. */
  public void awaitStatus(String campaignId, String status) {
    await().atMost(Duration.ofSeconds(40)).until(() -> status.equals(status(campaignId)));
  }
}
