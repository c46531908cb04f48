package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.lease.ReleaseHints;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.lease.WorkerLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a session does when nothing can be dialled now: completes the campaign when nothing is left
 * (no contact to walk, no attempt pending or active, no request outstanding); releases its lease
 * until the next due time when that is further than {@code worker.release-when-idle-for} and no
 * call is active; otherwise waits, at most a status-check interval.
 */
@Component
class IdlePolicy {

  private static final Logger log = LoggerFactory.getLogger(IdlePolicy.class);
  private static final Duration MIN_PAUSE = Duration.ofMillis(10);

  private final CallAttemptReads attempts;
  private final CampaignCompletion completion;
  private final WorkerLeases leases;
  private final ReleaseHints hints;
  private final Duration releaseWhenIdleFor;
  private final Duration statusCheck;
  private final Clock clock;

  IdlePolicy(
      CallAttemptReads attempts,
      CampaignCompletion completion,
      WorkerLeases leases,
      ReleaseHints hints,
      WorkerProperties properties,
      Clock clock) {
    this.attempts = attempts;
    this.completion = completion;
    this.leases = leases;
    this.hints = hints;
    this.releaseWhenIdleFor = properties.releaseWhenIdleFor();
    this.statusCheck = properties.statusCheckInterval();
    this.clock = clock;
  }

  /** Acts on a session with nothing to dial now; true when the session is over. */
  boolean idle(SessionLease session, AttemptPicker picker) {
    Instant now = clock.instant();
    String campaignId = session.campaignId();
    Instant wake =
        earliest(attempts.earliestPending(campaignId).orElse(null), picker.walkBlockedUntil());
    if (picker.exhausted() && wake == null) {
      if (completion.completeIfDone(session.lease())) {
        session.stop(StopReason.FINISHED);
        return true;
      }
      StopReason reason = session.checkNow();
      if (reason != null) {
        session.stop(reason);
        return true;
      }
    } else if (wake != null
        && Duration.between(now, wake).compareTo(releaseWhenIdleFor) > 0
        && attempts.countActive(campaignId) == 0) {
      picker.saveCursor();
      if (leases.release(session.lease(), wake)) {
        log.info("campaign {}: nothing to dial before {}: released", campaignId, wake);
        session.stop(StopReason.RELEASED);
        hints.released(campaignId, wake);
      } else {
        session.stopWithCurrentReason();
      }
      return true;
    }
    Duration pause = wake == null ? statusCheck : min(statusCheck, Duration.between(now, wake));
    session.sleep(pause.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : pause);
    picker.pollPendingNow();
    return false;
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
