package com.voicecampaigns.api.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Pause, resume, cancel and reschedule. Each is one conditional update filtered on the statuses the
 * state machine allows as its source, so a concurrent dispatcher claim or worker completion is
 * never overwritten: whoever updates first wins and the other sees a 409 with the current status.
 */
@Service
public class CampaignTransitions {

  private static final Logger log = LoggerFactory.getLogger(CampaignTransitions.class);

  private final MongoTemplate mongo;
  private final CampaignService campaigns;
  private final CampaignRequestValidator validator;
  private final CampaignEvents events;
  private final Clock clock;

  CampaignTransitions(
      MongoTemplate mongo,
      CampaignService campaigns,
      CampaignRequestValidator validator,
      CampaignEvents events,
      Clock clock) {
    this.mongo = mongo;
    this.campaigns = campaigns;
    this.validator = validator;
    this.events = events;
    this.clock = clock;
  }

  /** running → paused; the worker sees it within a second and places no new call. */
  public Campaign pause(Caller caller, String id) {
    return move(
        caller,
        id,
        "pause",
        CampaignStatus.PAUSED,
        EnumSet.of(CampaignStatus.RUNNING),
        new Update());
  }

  /**
   * paused → running with the lease cleared and {@code resumeAt} now, so the dispatcher hands it to
   * a worker again with a new dispatch id.
   */
  public Campaign resume(Caller caller, String id) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Update update =
        new Update()
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL)
            .set(CampaignFields.RESUME_AT, now);
    Campaign resumed =
        move(
            caller,
            id,
            "resume",
            CampaignStatus.RUNNING,
            EnumSet.of(CampaignStatus.PAUSED),
            update);
    events.scheduled(resumed.id(), now);
    return resumed;
  }

  /** scheduled, running or paused → cancelled; calls in flight finish, no new ones start. */
  public Campaign cancel(Caller caller, String id) {
    return move(
        caller,
        id,
        "cancel",
        CampaignStatus.CANCELLED,
        CampaignStatus.sourcesOf(CampaignStatus.CANCELLED),
        new Update());
  }

  /** A new {@code scheduledTime} for a campaign that has not started yet. */
  public Campaign reschedule(Caller caller, String id, String scheduledTime) {
    var v = new Validation();
    Instant time = null;
    if (scheduledTime == null) {
      v.reject("scheduledTime", "is required");
    } else {
      time = validator.scheduledTime(scheduledTime, clock.instant(), v);
    }
    v.throwIfInvalid();
    Campaign rescheduled =
        move(
            caller,
            id,
            "reschedule",
            CampaignStatus.SCHEDULED,
            EnumSet.of(CampaignStatus.SCHEDULED),
            Update.update(CampaignFields.SCHEDULED_TIME, time));
    events.scheduled(rescheduled.id(), rescheduled.scheduledTime());
    return rescheduled;
  }

  private Campaign move(
      Caller caller,
      String id,
      String action,
      CampaignStatus target,
      Set<CampaignStatus> wanted,
      Update update) {
    Set<CampaignStatus> sources = EnumSet.copyOf(wanted);
    sources.retainAll(CampaignStatus.sourcesOf(target));
    if (sources.isEmpty()) {
      throw new IllegalStateException("the state machine has no way to " + target);
    }
    Campaign current = campaigns.get(caller, id);
    Criteria criteria =
        where(CampaignFields.ID)
            .is(new ObjectId(current.id()))
            .and(CampaignFields.CLIENT_ID)
            .is(current.clientId())
            .and(CampaignFields.STATUS)
            .in(sources.stream().map(CampaignStatus::wire).toList());
    update
        .set(CampaignFields.STATUS, target.wire())
        .set(CampaignFields.UPDATED_AT, clock.instant());
    Campaign moved =
        mongo.findAndModify(
            Query.query(criteria),
            update,
            FindAndModifyOptions.options().returnNew(true),
            Campaign.class);
    try (var mdc = MDC.putCloseable("campaignId", current.id())) {
      if (moved == null) {
        CampaignStatus now = campaigns.get(caller, id).status();
        log.info("refused to {} a {} campaign", action, now.wire());
        throw ApiProblem.conflict(
            ProblemTypes.INVALID_TRANSITION,
            "cannot " + action + " a " + now.wire() + " campaign",
            Map.of("currentStatus", now.wire()));
      }
      log.info("campaign is now {}", target.wire());
      return moved;
    }
  }
}
