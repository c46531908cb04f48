package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.call.CallOutcomes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Ends the active calls of a campaign that no hangup callback ended within {@code
 * worker.active-call-timeout}: they become {@code expired} and free their concurrency slots.
 * Requests still outstanding are left alone.
 */
@Component
class StaleCalls {

  static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

  private final CallAttemptReads attempts;
  private final CallOutcomes outcomes;
  private final Duration timeout;
  private final Clock clock;

  StaleCalls(
      CallAttemptReads attempts, CallOutcomes outcomes, WorkerProperties properties, Clock clock) {
    this.attempts = attempts;
    this.outcomes = outcomes;
    this.timeout = properties.activeCallTimeout();
    this.clock = clock;
  }

  /** Expires the campaign's stale calls; answers when to sweep again. */
  Instant sweep(String campaignId, Set<String> outstanding) {
    Instant now = clock.instant();
    for (CallAttemptDocument stale : attempts.activeSince(campaignId, now.minus(timeout))) {
      if (!outstanding.contains(stale.id())) {
        outcomes.expired(stale, "no hangup callback within " + timeout);
      }
    }
    return now.plus(SWEEP_EVERY);
  }
}
