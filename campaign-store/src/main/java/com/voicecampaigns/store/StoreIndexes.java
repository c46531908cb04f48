package com.voicecampaigns.store;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.model.suppression.DoNotCallFields;
import com.voicecampaigns.store.pacing.PacingStore;
import com.voicecampaigns.store.pacing.RateDemands;
import com.voicecampaigns.store.webhook.WebhookFields;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/**
 * Every index of every collection, in one list, each with the queries it serves. Created once per
 * process, after the beans are built and before anything starts (message listeners, the web
 * server): creating an index that exists is a no-op, so every service creates them all. The unique
 * ones are part of the rules, not only of speed: a second claim of a call attempt, a second
 * campaign for one idempotency key, or a number twice in one list, fails on them.
 */
public class StoreIndexes implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(StoreIndexes.class);

  /**
   * One index.
   *
   * @param serves the queries that need it
   */
  public record StoreIndex(String collection, Index index, String serves) {}

  private final MongoOperations mongo;

  public StoreIndexes(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** The indexes this process creates. */
  public List<StoreIndex> all() {
    List<StoreIndex> all = new ArrayList<>();
    all.add(
        on(
            CampaignFields.COLLECTION,
            index()
                .on(CampaignFields.STATUS, Direction.ASC)
                .on(CampaignFields.SCHEDULED_TIME, Direction.ASC)
                .on(CampaignFields.ID, Direction.ASC),
            "claiming due campaigns in (scheduledTime, _id) order, the due backlog, timers for"
                + " campaigns due soon (dispatcher)"));
    all.add(
        on(
            CampaignFields.COLLECTION,
            index().on(CampaignFields.DISPATCH_ID, Direction.ASC),
            "reading a claimed batch back by its dispatchId (dispatcher)"));
    all.add(
        on(
            CampaignFields.COLLECTION,
            index()
                .on(CampaignFields.STATUS, Direction.ASC)
                .on(CampaignFields.DISPATCHED_AT, Direction.ASC),
            "running campaigns whose start no worker took (dispatcher recovery)"));
    all.add(
        on(
            CampaignFields.COLLECTION,
            index()
                .on(CampaignFields.CLIENT_ID, Direction.ASC)
                .on(CampaignFields.SCHEDULED_TIME, Direction.ASC),
            "a tenant's campaigns sorted by scheduledTime (GET /api/v1/campaigns)"));
    all.add(
        on(
            CampaignFields.COLLECTION,
            index()
                .on(CampaignFields.LIST_ID, Direction.ASC)
                .on(CampaignFields.STATUS, Direction.ASC),
            "unfinished campaigns using a list that is to be deleted (api)"));
    all.add(
        on(
            CampaignFields.COLLECTION,
            index()
                .on(CampaignFields.STATUS, Direction.ASC)
                .on(CampaignFields.END_TIME, Direction.ASC),
            "unfinished campaigns past their end time, to complete them (dispatcher)"));
    // sparse: campaigns without a key are not in it (one field, so no partial index, which
    // mongo-java-server lacks)
    all.add(
        on(
            CampaignFields.COLLECTION,
            index().on(CampaignFields.IDEMPOTENCY_CLAIM, Direction.ASC).unique().sparse(),
            "the insert of a campaign is its idempotency key's claim (unique, sparse: a second"
                + " campaign with the claim fails), the campaign an earlier request with the key"
                + " created (api)"));
    all.add(
        on(
            CallFields.COLLECTION,
            index()
                .on(CallFields.CAMPAIGN_ID, Direction.ASC)
                .on(CallFields.CONTACT_ID, Direction.ASC)
                .on(CallFields.ATTEMPT, Direction.ASC)
                .unique(),
            "the claim of an attempt (unique: a second claim fails), contacts of a batch that"
                + " have a first attempt (worker)"));
    all.add(
        on(
            CallFields.COLLECTION,
            index()
                .on(CallFields.CAMPAIGN_ID, Direction.ASC)
                .on(CallFields.STATUS, Direction.ASC)
                .on(CallFields.NOT_BEFORE, Direction.ASC),
            "due pending attempts, active and open attempts, counts by status (worker)"));
    all.add(
        on(
            CallFields.COLLECTION,
            index()
                .on(CallFields.CAMPAIGN_ID, Direction.ASC)
                .on(CallFields.DIALED_AT, Direction.DESC),
            "when a campaign last sent a request, to pace a campaign taken over (worker)"));
    all.add(
        on(
            CallFields.COLLECTION,
            index()
                .on(CallFields.CAMPAIGN_ID, Direction.ASC)
                .on(CallFields.CREATED_AT, Direction.DESC),
            "a campaign's calls, newest first (GET /api/v1/campaigns/{id}/calls)"));
    all.add(
        on(
            ContactFields.CONTACT_COLLECTION,
            index()
                .on(ContactFields.LIST_ID, Direction.ASC)
                .on(ContactFields.PHONE, Direction.ASC)
                .unique(),
            "a number once per list (unique: an import counts duplicates by it)"));
    all.add(
        on(
            ContactFields.CONTACT_COLLECTION,
            index()
                .on(ContactFields.LIST_ID, Direction.ASC)
                .on(ContactFields.ID, Direction.ASC)
                .named("listId_id"),
            "walking a list in _id order (worker), a list's contacts page by page (api)"));
    all.add(
        on(
            ContactFields.LIST_COLLECTION,
            index()
                .on(ContactFields.CLIENT_ID, Direction.ASC)
                .on(ContactFields.CREATED_AT, Direction.DESC),
            "a tenant's lists, newest first (GET /api/v1/contact-lists)"));
    all.add(
        on(
            DoNotCallFields.COLLECTION,
            index()
                .on(DoNotCallFields.CLIENT_ID, Direction.ASC)
                .on(DoNotCallFields.PHONE, Direction.ASC)
                .unique(),
            "a number once per tenant (unique: an import counts duplicates by it), whether a"
                + " number is suppressed right before a dial (worker), a tenant's list in number"
                + " order (GET /api/v1/do-not-call)"));
    all.add(
        on(
            PacingStore.COLLECTION,
            index().on(PacingStore.ACCOUNT, Direction.ASC).on(PacingStore.FREE_AT, Direction.ASC),
            "an account's free permits (calls per second, API requests, concurrent calls), its"
                + " permits in use (worker)"));
    all.add(
        on(
            RateDemands.COLLECTION,
            index()
                .on(RateDemands.ACCOUNT, Direction.ASC)
                .on(RateDemands.EXPIRES_AT, Direction.ASC),
            "the live rate demands of an account's running campaigns, for the fair share"
                + " (worker)"));
    all.addAll(webhooks());
    return all;
  }

  /** The outbound webhooks' indexes, and those of campaigns and calls that their sweeps read. */
  private static List<StoreIndex> webhooks() {
    return List.of(
        on(
            CampaignFields.COLLECTION,
            index()
                .on(CampaignFields.UPDATED_AT, Direction.ASC)
                .on(CampaignFields.ID, Direction.ASC),
            "campaigns changed past the webhook sweep's watermark (api)"),
        on(
            CallFields.COLLECTION,
            index().on(CallFields.ANSWERED_AT, Direction.ASC).on(CallFields.ID, Direction.ASC),
            "calls answered past the webhook sweep's watermark (api)"),
        on(
            CallFields.COLLECTION,
            index().on(CallFields.ENDED_AT, Direction.ASC).on(CallFields.ID, Direction.ASC),
            "calls ended past the webhook sweep's watermark (api)"),
        on(
            CallFields.COLLECTION,
            index()
                .on(CallFields.STATUS, Direction.ASC)
                .on(WebhookFields.CALL_UNKNOWN_REPORTED, Direction.ASC),
            "unknown calls whose call.unknown event is not recorded yet (api)"),
        on(
            WebhookFields.ENDPOINTS,
            index()
                .on(WebhookFields.CLIENT_ID, Direction.ASC)
                .on(WebhookFields.CREATED_AT, Direction.ASC),
            "a tenant's endpoints (GET /api/v1/webhooks), the endpoints an event goes to (api)"),
        on(
            WebhookFields.EVENTS,
            index()
                .on(WebhookFields.CAMPAIGN_ID, Direction.ASC)
                .on(WebhookFields.TYPE, Direction.ASC)
                .on(WebhookFields.OCCURRED_AT, Direction.DESC),
            "a campaign's latest event of a type: the pause a resume ends (api)"),
        on(
            WebhookFields.DELIVERIES,
            index()
                .on(WebhookFields.STATUS, Direction.ASC)
                .on(WebhookFields.NEXT_ATTEMPT_AT, Direction.ASC),
            "claiming the delivery due longest (api)"),
        on(
            WebhookFields.DELIVERIES,
            index()
                .on(WebhookFields.ENDPOINT_ID, Direction.ASC)
                .on(WebhookFields.CREATED_AT, Direction.DESC),
            "an endpoint's delivery log, newest first (GET /api/v1/webhooks/{id}/deliveries)"));
  }

  /** Creates every index; called once the beans are built. */
  public void createAll() {
    for (StoreIndex index : all()) {
      mongo.indexOps(index.collection()).createIndex(index.index());
    }
    log.debug("indexes ensured");
  }

  @Override
  public void afterSingletonsInstantiated() {
    createAll();
  }

  private static StoreIndex on(String collection, Index index, String serves) {
    return new StoreIndex(collection, index, serves);
  }

  private static Index index() {
    return new Index();
  }
}
