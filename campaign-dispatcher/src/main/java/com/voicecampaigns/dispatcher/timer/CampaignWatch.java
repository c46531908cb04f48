package com.voicecampaigns.dispatcher.timer;

import com.voicecampaigns.dispatcher.CoalescingTask;
import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.claim.DueCampaignDispatcher;
import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import com.voicecampaigns.dispatcher.recovery.UnownedCampaignRecoverer;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.CampaignState;
import com.voicecampaigns.store.campaign.UpcomingStart;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Looks at one campaign now, on a {@code CampaignScheduled} hint or when its timer fires: starts it
 * if it is due, recovers it if it is running without a live lease, and arms a timer when its {@code
 * scheduledTime} (or a released campaign's {@code resumeAt}) falls within the look-ahead window.
 * MongoDB decides, not the event: a timer that fires for a campaign that was cancelled or
 * rescheduled since claims nothing (the claim re-checks status and time) and re-arms for the new
 * time, so nothing starts early or twice.
 *
 * <p>A hint claims its one campaign. A timer runs a batch pass over everything due instead:
 * campaigns are often scheduled at the same round minute, so hundreds of timers fire at once; the
 * first runs the pass, which claims them all in batches, and the others only ask it to look once
 * more ({@link CoalescingTask}, on the timer's thread).
 */
@Service
public class CampaignWatch {

  private final CampaignReads campaigns;
  private final DueCampaignDispatcher dispatcher;
  private final UnownedCampaignRecoverer recoverer;
  private final StartTimers timers;
  private final CoalescingTask timerPass;
  private final DispatcherProperties properties;
  private final Clock clock;

  CampaignWatch(
      CampaignReads campaigns,
      DueCampaignDispatcher dispatcher,
      UnownedCampaignRecoverer recoverer,
      StartTimers timers,
      DispatcherProperties properties,
      Clock clock) {
    this.campaigns = campaigns;
    this.dispatcher = dispatcher;
    this.recoverer = recoverer;
    this.timers = timers;
    this.properties = properties;
    this.clock = clock;
    this.timerPass =
        new CoalescingTask(
            "timer dispatch pass",
            () ->
                dispatcher.dispatchDue(
                    clock.instant().plus(properties.tickBudget()), StartTrigger.TIMER),
            Runnable::run);
  }

  /** Acts on campaign {@code campaignId} as its current document says. */
  public void look(String campaignId, StartTrigger trigger) {
    if (campaignId == null || campaignId.isBlank()) {
      return;
    }
    Optional<CampaignState> found = campaigns.state(campaignId);
    if (found.isEmpty()) {
      timers.disarm(campaignId);
      return;
    }
    CampaignState campaign = found.get();
    Instant now = clock.instant();
    if (campaign.status() == CampaignStatus.SCHEDULED) {
      Instant scheduledTime = campaign.scheduledTime();
      if (scheduledTime != null && !scheduledTime.isAfter(now)) {
        timers.disarm(campaignId);
        if (trigger == StartTrigger.TIMER) {
          timerPass.request();
        } else {
          dispatcher.startIfDue(campaign.id(), trigger);
        }
      } else {
        armOrDisarm(campaignId, scheduledTime, now);
      }
    } else if (campaign.status() == CampaignStatus.RUNNING) {
      if (recoverer.recoverIfUnowned(campaign.id(), campaign.dispatchId())) {
        timers.disarm(campaignId);
      } else if (campaign.workerId() == null) {
        armOrDisarm(campaignId, campaign.resumeAt(), now);
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
    armEach(campaigns.dueBetween(now, horizon, properties.maxTimers()));
    armEach(campaigns.resumingBetween(now, horizon, properties.maxTimers()));
  }

  private void armEach(List<UpcomingStart> upcoming) {
    for (UpcomingStart start : upcoming) {
      arm(start.campaignId(), start.at());
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
}
