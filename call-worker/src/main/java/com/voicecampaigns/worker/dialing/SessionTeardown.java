package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.campaign.CampaignCounters;
import com.voicecampaigns.store.campaign.CampaignEnds;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.lease.ReleaseHints;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.lease.WorkerLeases;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a session does once it stopped and its outstanding requests were answered, by its reason: a
 * worker that stops knowingly lets the campaign go (no takeover is counted for its successor); a
 * shutdown releases the lease at once with a hint to the dispatcher; a cancel cancels the pending
 * attempts; an end time that passed expires them. A campaign that will place no more calls from
 * this session (finished, ended, cancelled, paused) gets its progress counters recounted, which
 * mends a change they missed under a MongoDB fault.
 */
@Component
class SessionTeardown {

  private static final Logger log = LoggerFactory.getLogger(SessionTeardown.class);

  /** The reasons after which the campaign's counters are recounted. */
  private static final Set<StopReason> RECOUNTED =
      EnumSet.of(StopReason.FINISHED, StopReason.ENDED, StopReason.CANCELLED, StopReason.PAUSED);

  private final WorkerLeases leases;
  private final ReleaseHints hints;
  private final CampaignCompletion completion;
  private final CampaignEnds ends;
  private final CampaignCounters counters;
  private final Clock clock;

  SessionTeardown(
      WorkerLeases leases,
      ReleaseHints hints,
      CampaignCompletion completion,
      CampaignEnds ends,
      CampaignCounters counters,
      Clock clock) {
    this.leases = leases;
    this.hints = hints;
    this.completion = completion;
    this.ends = ends;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * @param picker the session's picker, {@code null} when it never got one
   */
  void finish(SessionLease session, AttemptPicker picker) {
    StopReason reason = session.stopReason();
    Lease lease = session.lease();
    if (reason != null && reason.letsGo()) {
      leases.letGo(lease.campaignId());
    }
    if (reason == StopReason.SHUTDOWN) {
      if (picker != null) {
        picker.saveCursor();
      }
      Instant now = clock.instant();
      if (leases.release(lease, now)) {
        log.info("campaign {}: released for another worker (shutdown)", lease.campaignId());
        hints.released(lease.campaignId(), now);
      }
    } else if (reason == StopReason.CANCELLED) {
      completion.cancelPending(lease.campaignId(), "campaign cancelled");
    } else if (reason == StopReason.ENDED) {
      // what the session put back in the queue while it stopped expires too
      long expired = ends.expireLeftovers(lease.campaignId(), clock.instant());
      log.info(
          "campaign {}: its end time passed ({} pending expired)", lease.campaignId(), expired);
    } else if (reason != null && (reason == StopReason.PAUSED || !reason.letsGo())) {
      log.info("campaign {}: no more calls ({})", lease.campaignId(), reason);
    }
    if (RECOUNTED.contains(reason)) {
      recount(lease.campaignId());
    }
  }

  private void recount(String campaignId) {
    try {
      counters
          .repair(campaignId)
          .ifPresentOrElse(
              repair -> {
                if (repair.mended()) {
                  log.warn(
                      "campaign {}: progress counters were {}, recounted {}: mended",
                      campaignId,
                      repair.before(),
                      repair.after());
                }
              },
              () -> log.info("campaign {}: its calls kept changing; not recounted", campaignId));
    } catch (RuntimeException e) {
      log.warn("campaign {}: recounting its progress counters failed", campaignId, e);
    }
  }
}
