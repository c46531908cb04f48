package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.lease.StopReason;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session does once it stopped, by its reason: a worker that stops knowingly lets the
 * campaign go (no takeover is counted for its successor); a shutdown releases the lease at once
 * with a hint to the dispatcher; a cancel cancels the pending attempts.
 */
final class SessionTeardown {

  private static final Logger log = LoggerFactory.getLogger(SessionTeardown.class);

  private final DialingSession session;
  private final DialingServices services;
  private final AttemptPicker picker;

  /**
   * @param picker the session's picker, {@code null} when it never got one
   */
  SessionTeardown(DialingSession session, AttemptPicker picker) {
    this.session = session;
    this.services = session.services();
    this.picker = picker;
  }

  void finish() {
    StopReason reason = session.stopReason();
    Lease lease = session.lease();
    if (reason != null && reason.letsGo()) {
      services.workerLeases().letGo(lease.campaignId());
    }
    if (reason == StopReason.SHUTDOWN) {
      if (picker != null) {
        picker.saveCursor();
      }
      Instant now = services.clock().instant();
      if (services.workerLeases().release(lease, now)) {
        log.info("campaign {}: released for another worker (shutdown)", lease.campaignId());
        services.hints().released(lease.campaignId(), now);
      }
    } else if (reason == StopReason.CANCELLED) {
      services.completion().cancelPending(lease.campaignId(), "campaign cancelled");
    } else if (reason != null && (reason == StopReason.PAUSED || !reason.letsGo())) {
      log.info("campaign {}: no more calls ({})", lease.campaignId(), reason);
    }
  }
}
