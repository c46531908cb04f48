package com.voicecampaigns.api.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.campaign.IdempotencyKeys.Claim;
import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
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
import tools.jackson.databind.json.JsonMapper;

/** Creates and reads campaigns; the status changes live in {@link CampaignTransitions}. */
@Service
public class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
  private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(3);
  private static final int MAX_KEY_LENGTH = 255;

  private final MongoTemplate mongo;
  private final CampaignRequestValidator validator;
  private final IdempotencyKeys keys;
  private final ContactListLookup lists;
  private final CampaignEvents events;
  private final JsonMapper json;
  private final Clock clock;
  private final Counter created;

  CampaignService(
      MongoTemplate mongo,
      CampaignRequestValidator validator,
      IdempotencyKeys keys,
      ContactListLookup lists,
      CampaignEvents events,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters) {
    this.mongo = mongo;
    this.validator = validator;
    this.keys = keys;
    this.lists = lists;
    this.events = events;
    this.json = json;
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
  }

  /** A created campaign, or the one an earlier request with the same idempotency key created. */
  public record Created(Campaign campaign, boolean replayed) {}

  /**
   * Validates and stores a campaign for {@code tenant}, due at {@code scheduledTime} or now, and
   * announces it. With an idempotency key, a repeated identical request answers the campaign the
   * first one created; the same key with a different request answers 409.
   */
  public Created create(
      String tenant, String scheduledBy, CreateCampaignRequest request, String idempotencyKey) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    CampaignDraft draft = validator.validate(tenant, request, now);
    String id = new ObjectId().toHexString();
    if (idempotencyKey != null) {
      if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
        throw ApiProblem.invalid(
            "Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
      }
      String hash = hash(request);
      Optional<Claim> earlier = keys.claim(tenant, idempotencyKey, hash, id);
      if (earlier.isPresent()) {
        Optional<Campaign> replay = replay(earlier.get(), hash, id);
        if (replay.isPresent()) {
          return new Created(replay.get(), true);
        }
      }
    }
    Campaign campaign = newCampaign(id, draft, scheduledBy, now);
    try {
      mongo.insert(campaign);
    } catch (RuntimeException e) {
      if (idempotencyKey != null) {
        keys.release(tenant, idempotencyKey, id);
      }
      throw e;
    }
    failIfListWentAway(campaign);
    created.increment();
    log.info("campaign {} created for {}, due {}", id, tenant, campaign.scheduledTime());
    events.scheduled(id, campaign.scheduledTime());
    return new Created(campaign, false);
  }

  /**
   * The campaign an earlier request with this key created; waits briefly while that request is
   * still inserting it, and takes the key over if that request died before inserting.
   */
  private Optional<Campaign> replay(Claim earlier, String hash, String newId) {
    if (!earlier.requestHash().equals(hash)) {
      throw ApiProblem.conflict(
          ProblemTypes.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used with a different request",
          Map.of("campaignId", earlier.campaignId()));
    }
    long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
    while (true) {
      Campaign existing = mongo.findById(new ObjectId(earlier.campaignId()), Campaign.class);
      if (existing != null) {
        return Optional.of(existing);
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      pause();
    }
    if (keys.takeOver(earlier, newId)) {
      return Optional.empty();
    }
    throw ApiProblem.conflict(
        ProblemTypes.CONFLICT,
        "a request with this Idempotency-Key is still in progress; retry later",
        Map.of());
  }

  private static void pause() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a concurrent request", e);
    }
  }

  private static Campaign newCampaign(
      String id, CampaignDraft draft, String scheduledBy, Instant now) {
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
        now,
        now,
        null,
        null,
        null,
        draft.callingWindow(),
        draft.retryPolicy(),
        draft.maxConcurrentCalls(),
        draft.callsPerSecond());
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

  private String hash(CreateCampaignRequest request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
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
