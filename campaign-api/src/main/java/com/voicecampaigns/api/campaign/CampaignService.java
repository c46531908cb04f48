package com.voicecampaigns.api.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Creates and reads campaigns; the status changes live in {@link CampaignTransitions}. */
@Service
public class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

  private final MongoTemplate mongo;
  private final CampaignRequestValidator validator;
  private final IdempotencyKeys keys;
  private final ContactListLookup lists;
  private final CampaignEvents events;
  private final Clock clock;
  private final Counter created;

  CampaignService(
      MongoTemplate mongo,
      CampaignRequestValidator validator,
      IdempotencyKeys keys,
      ContactListLookup lists,
      CampaignEvents events,
      Clock clock,
      MeterRegistry meters) {
    this.mongo = mongo;
    this.validator = validator;
    this.keys = keys;
    this.lists = lists;
    this.events = events;
    this.clock = clock;
    this.created =
        Counter.builder("api.campaigns.created")
            .description("Campaigns created (idempotent replays not counted)")
            .register(meters);
    mongo
        .indexOps(Campaign.class)
        .createIndex(
            new Index()
                .on(CampaignFields.CLIENT_ID, Sort.Direction.ASC)
                .on(CampaignFields.SCHEDULED_TIME, Sort.Direction.ASC));
    mongo
        .indexOps(Campaign.class)
        .createIndex(
            new Index()
                .on(CampaignFields.LIST_ID, Sort.Direction.ASC)
                .on(CampaignFields.STATUS, Sort.Direction.ASC));
    // the insert of a campaign is its idempotency key's claim (IdempotencyKeys); sparse: campaigns
    // without a key are not in it (one field, so no partial index, which mongo-java-server lacks)
    mongo
        .indexOps(Campaign.class)
        .createIndex(
            new Index().on(CampaignFields.IDEMPOTENCY_CLAIM, Sort.Direction.ASC).unique().sparse());
  }

  /** A created campaign, or the one an earlier request with the same idempotency key created. */
  public record Created(Campaign campaign, boolean replayed) {}

  /**
   * Validates and stores a campaign for {@code tenant}, due at {@code scheduledTime} or now, and
   * announces it. {@code createdBy} is the caller's subject; {@code scheduledBy} whoever the
   * request names. A request that {@code deduplication} recognises as a repeat answers the campaign
   * the first one created; the same idempotency key with a different request answers 409.
   */
  public Created create(
      Caller caller,
      String tenant,
      String scheduledBy,
      CreateCampaignRequest request,
      Deduplication deduplication) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    CampaignDraft draft = validator.validate(tenant, request, now);
    Optional<IdempotencyKeys.Key> key = keys.keyOf(tenant, deduplication, request, scheduledBy);
    Campaign campaign =
        newCampaign(new ObjectId().toHexString(), draft, caller.subject(), scheduledBy, now, key);
    if (key.isPresent()) {
      Optional<Campaign> replay = keys.insertOrReplay(campaign, key.get());
      if (replay.isPresent()) {
        return new Created(replay.get(), true);
      }
    } else {
      mongo.insert(campaign);
    }
    failIfListWentAway(campaign);
    created.increment();
    log.info("campaign {} created for {}, due {}", campaign.id(), tenant, campaign.scheduledTime());
    events.scheduled(campaign.id(), campaign.scheduledTime());
    return new Created(campaign, false);
  }

  private static Campaign newCampaign(
      String id,
      CampaignDraft draft,
      String createdBy,
      String scheduledBy,
      Instant now,
      Optional<IdempotencyKeys.Key> key) {
    return new Campaign(
        id,
        draft.clientId(),
        draft.name(),
        draft.listId(),
        draft.fromNumber(),
        draft.wssUrl(),
        CampaignStatus.SCHEDULED,
        draft.scheduledTime() == null ? now : draft.scheduledTime(),
        scheduledBy,
        createdBy,
        now,
        now,
        null,
        null,
        null,
        draft.callingWindow(),
        draft.retryPolicy(),
        draft.maxConcurrentCalls(),
        draft.callsPerSecond(),
        key.map(IdempotencyKeys.Key::claim).orElse(null),
        key.map(IdempotencyKeys.Key::requestHash).orElse(null));
  }

  /**
   * A list deletion may have marked the list between validation and insert; then the campaign fails
   * at once rather than start on contacts that are being removed.
   */
  private void failIfListWentAway(Campaign campaign) {
    boolean ready = lists.find(campaign.listId()).map(l -> l.isReady()).orElse(false);
    if (ready) {
      return;
    }
    mongo.updateFirst(
        Query.query(
            where(CampaignFields.ID)
                .is(new ObjectId(campaign.id()))
                .and(CampaignFields.STATUS)
                .is(CampaignStatus.SCHEDULED.wire())),
        new Update()
            .set(CampaignFields.STATUS, CampaignStatus.FAILED.wire())
            .set(CampaignFields.FAILURE_REASON, "the contact list was deleted")
            .set(CampaignFields.UPDATED_AT, clock.instant()),
        Campaign.class);
    throw ApiProblem.invalid("listId", "the contact list is being deleted");
  }

  /** The campaign if it exists and the caller may see it; otherwise 404, also for other tenants. */
  public Campaign get(Caller caller, String id) {
    Campaign campaign =
        id != null && ObjectId.isValid(id)
            ? mongo.findById(new ObjectId(id), Campaign.class)
            : null;
    if (campaign == null || !caller.canAccess(campaign.clientId())) {
      throw ApiProblem.notFound("no campaign " + id);
    }
    return campaign;
  }

  PageView<Campaign> search(Caller caller, CampaignSearch search, Paging paging) {
    Criteria criteria = new Criteria();
    String tenant = caller.tenantFilter();
    if (tenant != null) {
      criteria.and(CampaignFields.CLIENT_ID).is(tenant);
    } else if (search.clientId() != null) {
      criteria.and(CampaignFields.CLIENT_ID).is(search.clientId());
    }
    if (!search.statuses().isEmpty()) {
      criteria
          .and(CampaignFields.STATUS)
          .in(search.statuses().stream().map(CampaignStatus::wire).toList());
    }
    if (search.from() != null || search.to() != null) {
      Criteria time = criteria.and(CampaignFields.SCHEDULED_TIME);
      if (search.from() != null) {
        time.gte(search.from());
      }
      if (search.to() != null) {
        time.lt(search.to());
      }
    }
    Query query = Query.query(criteria);
    long total = mongo.count(query, Campaign.class);
    Sort.Direction direction = search.descending() ? Sort.Direction.DESC : Sort.Direction.ASC;
    query
        .with(
            Sort.by(direction, CampaignFields.SCHEDULED_TIME)
                .and(Sort.by(direction, CampaignFields.ID)))
        .skip(paging.offset())
        .limit(paging.size());
    return PageView.of(mongo.find(query, Campaign.class), paging, total);
  }
}
