package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import com.voicecampaigns.worker.pacing.AccountPacer;
import com.voicecampaigns.worker.pacing.AccountPacer.AccountPermits;
import com.voicecampaigns.worker.plivo.MakeCallOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What becomes of an attempt once its request was answered, by the kind of answer only:
 *
 * <ul>
 *   <li>placed: the request's id is stored; callbacks do the rest;
 *   <li>certainly not placed: its concurrent-call slot is free again and the attempt goes back to
 *       the queue after a backoff (or Plivo's {@code Retry-After}) as a new turn of the pipeline,
 *       with checks and permits of its own; after {@code worker.retry.max-tries} requests it fails;
 *   <li>ambiguous: {@code unknown}, never sent again automatically (unless a callback already
 *       showed the call), its slot held until the call shows it ended;
 *   <li>refused: the attempt fails, and when the account was refused, the campaign too;
 *   <li>withheld before sending (its permits were lost): everything it took is free again and the
 *       attempt goes back to the queue at once, as if never started.
 * </ul>
 */
@Component
class PlacementOutcomes {

  private static final Logger log = LoggerFactory.getLogger(PlacementOutcomes.class);

  private final CallAttemptStore attempts;
  private final CallOutcomes outcomes;
  private final CampaignCompletion completion;
  private final AccountPacer pacer;
  private final WorkerMetrics metrics;
  private final WorkerProperties.Retry retry;
  private final Clock clock;

  PlacementOutcomes(
      CallAttemptStore attempts,
      CallOutcomes outcomes,
      CampaignCompletion completion,
      AccountPacer pacer,
      WorkerMetrics metrics,
      WorkerProperties properties,
      Clock clock) {
    this.attempts = attempts;
    this.outcomes = outcomes;
    this.completion = completion;
    this.pacer = pacer;
    this.metrics = metrics;
    this.retry = properties.retry();
    this.clock = clock;
  }

  /** Applies {@code outcome} of the request sent for {@code attempt} under {@code permits}. */
  void apply(
      SessionLease session,
      CallAttemptDocument attempt,
      AccountPermits permits,
      MakeCallOutcome outcome) {
    if (outcome instanceof MakeCallOutcome.Placed placed) {
      attempts.requestAccepted(attempt.id(), placed.requestUuid());
      metrics.placed();
      log.debug("call {} placed: request {}", attempt.id(), placed.requestUuid());
    } else if (outcome instanceof MakeCallOutcome.NotPlaced notPlaced) {
      pacer.noCall(permits);
      metrics.failed(notPlaced.reason());
      notPlaced(session, attempt, notPlaced);
    } else if (outcome instanceof MakeCallOutcome.Withheld) {
      log.debug("call {}: withheld before sending; queued again", attempt.id());
      pacer.unused(permits);
      attempts.withdrawRequest(attempt.id(), session.lease(), clock.instant());
    } else if (outcome instanceof MakeCallOutcome.Ambiguous ambiguous) {
      metrics.failed(ambiguous.reason());
      log.warn("call {}: {}; unknown, not sent again", attempt.id(), ambiguous.detail());
      outcomes.unknown(attempt, ambiguous.detail()); // a late callback reconciles it
    } else {
      MakeCallOutcome.Refused refused = (MakeCallOutcome.Refused) outcome;
      pacer.noCall(permits);
      metrics.failed(refused.reason());
      if (refused.accountLevel()) {
        outcomes.notPlaced(attempt, refused.accountFailure(), false);
        completion.fail(session.lease(), refused.accountFailure());
        session.stop(StopReason.FINISHED);
      } else {
        log.info("call {} to {} refused: {}", attempt.id(), attempt.to(), refused.detail());
        outcomes.notPlaced(attempt, refused.detail(), true);
      }
    }
  }

  private void notPlaced(
      SessionLease session, CallAttemptDocument attempt, MakeCallOutcome.NotPlaced notPlaced) {
    int tries = (attempt.plivoRequests() == null ? 0 : attempt.plivoRequests()) + 1;
    if (tries >= retry.maxTries()) {
      outcomes.notPlaced(
          attempt, "gave up after " + tries + " Make-Call requests: " + notPlaced.detail(), false);
      return;
    }
    Duration wait = retry.backoff(tries);
    if (notPlaced.retryAfter().compareTo(wait) > 0) {
      wait = notPlaced.retryAfter();
    }
    Instant notBefore = clock.instant().plus(wait);
    log.warn("call {} try {}: {}; again after {}", attempt.id(), tries, notPlaced.detail(), wait);
    attempts.requeue(attempt.id(), session.lease(), notBefore);
  }
}
