package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignQuery;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.CampaignStore;
import com.voicecampaigns.store.campaign.NewCampaign;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Creates and reads campaigns; the status changes live in {@link CampaignTransitions}. */
@Service
public class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

  private final CampaignStore store;
  private final CampaignReads reads;
  private final CampaignRequestValidator validator;
  private final IdempotencyKeys keys;
  private final ContactListLookup lists;
  private final CampaignEvents events;
  private final Clock clock;
  private final Counter created;

  CampaignService(
      CampaignStore store,
      CampaignReads reads,
      CampaignRequestValidator validator,
      IdempotencyKeys keys,
      ContactListLookup lists,
      CampaignEvents events,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.reads = reads;
    this.validator = validator;
    this.keys = keys;
    this.lists = lists;
    this.events = events;
    this.clock = clock;
    this.created =
        Counter.builder("api.campaigns.created")
            .description("Campaigns created (idempotent replays not counted)")
            .register(meters);
  }

  /** A created campaign, or the one an earlier request with the same idempotency key created. */
  public record Created(CampaignDocument campaign, boolean replayed) {}

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
    Instant scheduledTime = draft.scheduledTime() == null ? now : draft.scheduledTime();
    NewCampaign draftCampaign =
        NewCampaign.scheduled(
            Ids.newId(),
            draft.settings(),
            scheduledTime,
            new NewCampaign.Author(scheduledBy, caller.subject()),
            now);
    Created result =
        key.isPresent()
            ? keys.insertOrReplay(draftCampaign, key.get())
            : new Created(store.create(draftCampaign), false);
    if (result.replayed()) {
      return result;
    }
    CampaignDocument campaign = result.campaign();
    failIfListWentAway(campaign);
    created.increment();
    log.info("campaign {} created for {}, due {}", campaign.id(), tenant, campaign.scheduledTime());
    events.scheduled(campaign.id(), campaign.scheduledTime());
    return result;
  }

  /**
   * A list deletion may have marked the list between validation and insert; then the campaign fails
   * at once rather than start on contacts that are being removed.
   */
  void failIfListWentAway(CampaignDocument campaign) {
    boolean ready = lists.find(campaign.listId()).map(l -> l.isReady()).orElse(false);
    if (ready) {
      return;
    }
    store.failUnstarted(campaign.id(), "the contact list was deleted", clock.instant());
    throw ApiProblem.invalid("listId", "the contact list is being deleted");
  }

  /** The campaign if it exists and the caller may see it; otherwise 404, also for other tenants. */
  public CampaignDocument get(Caller caller, String id) {
    CampaignDocument campaign = Ids.isValid(id) ? reads.find(id).orElse(null) : null;
    if (campaign == null || !caller.canAccess(campaign.clientId())) {
      throw ApiProblem.notFound("no campaign " + id);
    }
    return campaign;
  }

  PageView<CampaignDocument> search(Caller caller, CampaignSearch search, Paging paging) {
    String tenant = caller.tenantFilter() != null ? caller.tenantFilter() : search.clientId();
    var query =
        new CampaignQuery(
            tenant, search.statuses(), search.from(), search.to(), search.descending());
    long total = reads.count(query);
    return PageView.of(reads.search(query, paging.offset(), paging.size()), paging, total);
  }
}
