package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.api.webhook.TransitionEvents;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Pause, resume, cancel and reschedule, as the API offers them: the caller's campaign or 404, the
 * store's transition (one conditional update filtered on the statuses the state machine allows as
 * its source, so a concurrent dispatcher claim or worker completion is never overwritten), and a
 * 409 with the current status when the campaign had moved on.
 */
@Service
public class CampaignTransitions {

  private static final Logger log = LoggerFactory.getLogger(CampaignTransitions.class);

  private final CampaignStore store;
  private final CampaignService campaigns;
  private final CampaignRequestValidator validator;
  private final CampaignEvents events;
  private final TransitionEvents webhooks;
  private final Clock clock;

  CampaignTransitions(
      CampaignStore store,
      CampaignService campaigns,
      CampaignRequestValidator validator,
      CampaignEvents events,
      TransitionEvents webhooks,
      Clock clock) {
    this.store = store;
    this.campaigns = campaigns;
    this.validator = validator;
    this.events = events;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** running → paused; the worker sees it within a second and places no new call. */
  public CampaignDocument pause(Caller caller, String id) {
    CampaignDocument paused =
        move(
            caller,
            id,
            "pause",
            CampaignStatus.PAUSED,
            current -> store.pause(current.id(), current.clientId(), clock.instant()));
    webhooks.changed(paused);
    return paused;
  }

  /**
   * paused → running with the lease cleared and {@code resumeAt} now, so the dispatcher hands it to
   * a worker again with a new dispatch id.
   */
  public CampaignDocument resume(Caller caller, String id) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    CampaignDocument[] before = new CampaignDocument[1];
    CampaignDocument resumed =
        move(
            caller,
            id,
            "resume",
            CampaignStatus.RUNNING,
            current -> {
              before[0] = current;
              return store.resume(current.id(), current.clientId(), now, clock.instant());
            });
    events.scheduled(resumed.id(), now);
    webhooks.changed(before[0], resumed);
    return resumed;
  }

  /** scheduled, running or paused → cancelled; calls in flight finish, no new ones start. */
  public CampaignDocument cancel(Caller caller, String id) {
    CampaignDocument cancelled =
        move(
            caller,
            id,
            "cancel",
            CampaignStatus.CANCELLED,
            current -> store.cancel(current.id(), current.clientId(), clock.instant()));
    webhooks.changed(cancelled);
    return cancelled;
  }

  /** A new {@code scheduledTime} for a campaign that has not started yet. */
  public CampaignDocument reschedule(Caller caller, String id, String scheduledTime) {
    var v = new Validation();
    Instant time = null;
    if (scheduledTime == null) {
      v.reject("scheduledTime", "is required");
    } else {
      time = validator.scheduledTime(scheduledTime, clock.instant(), v);
    }
    v.throwIfInvalid();
    Instant end = campaigns.get(caller, id).endTime();
    if (end != null && !time.isBefore(end)) {
      v.reject("scheduledTime", "must be before the campaign's endTime, " + end);
      v.throwIfInvalid();
    }
    Instant newTime = time;
    CampaignDocument rescheduled =
        move(
            caller,
            id,
            "reschedule",
            CampaignStatus.SCHEDULED,
            current ->
                store.reschedule(current.id(), current.clientId(), newTime, clock.instant()));
    events.scheduled(rescheduled.id(), rescheduled.scheduledTime());
    return rescheduled;
  }

  private CampaignDocument move(
      Caller caller,
      String id,
      String action,
      CampaignStatus target,
      Function<CampaignDocument, Optional<CampaignDocument>> transition) {
    CampaignDocument current = campaigns.get(caller, id);
    Optional<CampaignDocument> moved = transition.apply(current);
    try (var mdc = MDC.putCloseable("campaignId", current.id())) {
      if (moved.isEmpty()) {
        CampaignStatus now = campaigns.get(caller, id).status();
        log.info("refused to {} a {} campaign", action, now.wire());
        throw ApiProblem.conflict(
            ProblemTypes.INVALID_TRANSITION,
            "cannot " + action + " a " + now.wire() + " campaign",
            Map.of("currentStatus", now.wire()));
      }
      log.info("campaign is now {}", target.wire());
      return moved.get();
    }
  }
}
