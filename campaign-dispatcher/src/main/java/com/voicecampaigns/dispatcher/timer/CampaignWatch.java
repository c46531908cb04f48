package com.voicecampaigns.dispatcher.timer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.claim.CampaignIds;
import com.voicecampaigns.dispatcher.claim.DueCampaignDispatcher;
import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import com.voicecampaigns.dispatcher.recovery.UnownedCampaignRecoverer;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Looks at one campaign now, on a {@code CampaignScheduled} hint or when its timer fires: starts it
 * if it is due (a hint claims that one campaign; a timer runs a batch pass, see {@link
 * CoalescedDispatch}), recovers it if it is running without a live lease, and arms a timer when its
 * {@code scheduledTime} (or a released campaign's {@code resumeAt}) falls within the look-ahead
 * window. MongoDB decides, not the event: a timer that fires for a campaign that was cancelled or
 * rescheduled since claims nothing (the claim re-checks status and time) and re-arms for the new
 * time, so nothing starts early or twice.
 */
@Service
public class CampaignWatch {

  private final MongoTemplate mongo;
  private final DueCampaignDispatcher dispatcher;
  private final UnownedCampaignRecoverer recoverer;
  private final StartTimers timers;
  private final CoalescedDispatch timerDispatch;
  private final DispatcherProperties properties;
  private final Clock clock;

  CampaignWatch(
      MongoTemplate mongo,
      DueCampaignDispatcher dispatcher,
      UnownedCampaignRecoverer recoverer,
      StartTimers timers,
      CoalescedDispatch timerDispatch,
      DispatcherProperties properties,
      Clock clock) {
    this.mongo = mongo;
    this.dispatcher = dispatcher;
    this.recoverer = recoverer;
    this.timers = timers;
    this.timerDispatch = timerDispatch;
    this.properties = properties;
    this.clock = clock;
  }

  /** Acts on campaign {@code campaignId} as its current document says. */
  public void look(String campaignId, StartTrigger trigger) {
    if (campaignId == null || campaignId.isBlank()) {
      return;
    }
    Query byId = new Query(where(CampaignFields.ID).is(campaignId));
    byId.fields()
        .include(
            CampaignFields.STATUS,
            CampaignFields.SCHEDULED_TIME,
            CampaignFields.DISPATCH_ID,
            CampaignFields.WORKER_ID,
            CampaignFields.RESUME_AT);
    Document campaign = mongo.findOne(byId, Document.class, CampaignFields.COLLECTION);
    if (campaign == null) {
      timers.disarm(campaignId);
      return;
    }
    Object id = campaign.get(CampaignFields.ID);
    Instant now = clock.instant();
    String status = campaign.getString(CampaignFields.STATUS);
    if (CampaignStatus.SCHEDULED.wire().equals(status)) {
      Instant scheduledTime = instant(campaign.get(CampaignFields.SCHEDULED_TIME));
      if (scheduledTime != null && !scheduledTime.isAfter(now)) {
        timers.disarm(campaignId);
        if (trigger == StartTrigger.TIMER) {
          timerDispatch.dispatchDueNow();
        } else {
          dispatcher.startIfDue(id, trigger);
        }
      } else {
        armOrDisarm(campaignId, scheduledTime, now);
      }
    } else if (CampaignStatus.RUNNING.wire().equals(status)) {
      if (recoverer.recoverIfUnowned(id, campaign.getString(CampaignFields.DISPATCH_ID))) {
        timers.disarm(campaignId);
      } else if (campaign.get(CampaignFields.WORKER_ID) == null) {
        armOrDisarm(campaignId, instant(campaign.get(CampaignFields.RESUME_AT)), now);
      } else {
        timers.disarm(campaignId);
      }
    } else {
      timers.disarm(campaignId); // paused, cancelled or finished: nothing to start
    }
  }

  /**
   * Arms timers for every campaign due, and every released campaign resuming, within the look-ahead
   * window (called on each tick, so campaigns created long ago still start on time).
   */
  public void armUpcoming() {
    Instant now = clock.instant();
    Instant horizon = now.plus(properties.lookAhead());
    Query scheduled =
        new Query(
                where(CampaignFields.STATUS)
                    .is(CampaignStatus.SCHEDULED.wire())
                    .and(CampaignFields.SCHEDULED_TIME)
                    .gt(now)
                    .lte(horizon))
            .with(Sort.by(CampaignFields.SCHEDULED_TIME))
            .limit(properties.maxTimers());
    scheduled.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    armEach(scheduled, CampaignFields.SCHEDULED_TIME);
    Query resuming =
        new Query(
                where(CampaignFields.STATUS)
                    .is(CampaignStatus.RUNNING.wire())
                    .and(CampaignFields.WORKER_ID)
                    .isNull()
                    .and(CampaignFields.RESUME_AT)
                    .gt(now)
                    .lte(horizon))
            .with(Sort.by(CampaignFields.RESUME_AT))
            .limit(properties.maxTimers());
    resuming.fields().include(CampaignFields.ID, CampaignFields.RESUME_AT);
    armEach(resuming, CampaignFields.RESUME_AT);
  }

  private void armEach(Query query, String timeField) {
    for (Document campaign : mongo.find(query, Document.class, CampaignFields.COLLECTION)) {
      String campaignId = CampaignIds.text(campaign.get(CampaignFields.ID));
      arm(campaignId, instant(campaign.get(timeField)));
    }
  }

  private void armOrDisarm(String campaignId, Instant at, Instant now) {
    if (at != null && !at.isAfter(now.plus(properties.lookAhead()))) {
      arm(campaignId, at);
    } else {
      timers.disarm(campaignId);
    }
  }

  private void arm(String campaignId, Instant at) {
    timers.arm(campaignId, at, () -> look(campaignId, StartTrigger.TIMER));
  }

  private static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }
}
