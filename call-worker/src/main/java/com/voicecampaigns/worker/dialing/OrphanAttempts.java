package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.call.CallOutcomes;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The attempts an earlier dispatch or worker of the campaign claimed and left without Plivo's
 * answer: one whose request was never started certainly sent nothing and goes back to the queue;
 * one whose request was started may have placed a call and is {@code unknown} (at most once; a late
 * callback reconciles it).
 */
@Component
class OrphanAttempts {

  private static final Logger log = LoggerFactory.getLogger(OrphanAttempts.class);

  private final CallAttemptReads reads;
  private final CallAttemptStore attempts;
  private final CallOutcomes outcomes;
  private final Clock clock;

  OrphanAttempts(
      CallAttemptReads reads, CallAttemptStore attempts, CallOutcomes outcomes, Clock clock) {
    this.reads = reads;
    this.attempts = attempts;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  /** Settles the orphans of the campaign {@code lease} now holds. */
  void settle(Lease lease) {
    for (CallAttemptDocument orphan : reads.orphans(lease)) {
      if (orphan.requestStartedAt() == null
          && attempts.requeueUnstarted(orphan.id(), clock.instant())) {
        log.info(
            "attempt {} to contact {} was claimed by {}, which sent nothing: queued again",
            orphan.id(),
            orphan.contactId(),
            orphan.workerId());
        continue;
      }
      log.warn(
          "attempt {} to contact {} was claimed by {} and never heard back from Plivo: unknown",
          orphan.id(),
          orphan.contactId(),
          orphan.workerId());
      outcomes.unknown(
          orphan, "claimed by " + orphan.workerId() + ", which stopped before Plivo answered");
    }
  }
}
