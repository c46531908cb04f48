package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.control.DialingSwitch;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import com.voicecampaigns.worker.pacing.AccountPacer;
import com.voicecampaigns.worker.plivo.MakeCallOutcome;
import com.voicecampaigns.worker.plivo.MakeCallRequest;
import com.voicecampaigns.worker.plivo.PlivoCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Places one claimed attempt: waits for the campaign's and the account's calls-per-second turn (see
 * {@link PacingGate}), checks (fresh from MongoDB) that the campaign is still running under this
 * lease right before the request, sends it, and handles what it came to ({@link MakeCallOutcome}).
 *
 * <p>Only a request that certainly placed no call ({@code NotPlaced}: 429, 503, no connection) is
 * sent again, after an exponential backoff or Plivo's {@code Retry-After}, whichever is longer. An
 * ambiguous answer (a timeout, a connection broken after the request was written, 500, 502, 504, an
 * unreadable body) marks the attempt {@code unknown} at once: it is never sent again automatically,
 * and a late callback reconciles it (and applies the retry policy).
 */
@Component
class CallPlacer {

  private static final Logger log = LoggerFactory.getLogger(CallPlacer.class);

  private final PacingGate pacing;
  private final PlivoCalls plivo;
  private final CallAttemptStore attempts;
  private final CallOutcomes outcomes;
  private final CampaignCompletion completion;
  private final DialingSwitch dialingSwitch;
  private final WorkerMetrics metrics;
  private final WorkerProperties properties;
  private final Clock clock;

  CallPlacer(
      PacingGate pacing,
      PlivoCalls plivo,
      CallAttemptStore attempts,
      CallOutcomes outcomes,
      CampaignCompletion completion,
      DialingSwitch dialingSwitch,
      WorkerMetrics metrics,
      WorkerProperties properties,
      Clock clock) {
    this.pacing = pacing;
    this.plivo = plivo;
    this.attempts = attempts;
    this.outcomes = outcomes;
    this.completion = completion;
    this.dialingSwitch = dialingSwitch;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  void place(DialingSession session, CallAttemptDocument attempt) {
    MDC.put("callId", attempt.id());
    try {
      new Placement(session, attempt).run();
    } finally {
      MDC.remove("callId");
    }
  }

  /** The tries of one attempt. */
  private final class Placement {

    private final DialingSession session;
    private final CallAttemptDocument attempt;
    private final ZoneId zone;
    private final MakeCallRequest request;
    private int tries;

    Placement(DialingSession session, CallAttemptDocument attempt) {
      this.session = session;
      this.attempt = attempt;
      this.zone = attempt.contactZone();
      this.request = MakeCallRequest.of(attempt);
    }

    void run() {
      while (true) {
        Optional<AccountPacer.Permit> permit = pacing.await(session, attempt.id());
        if (permit.isEmpty()) {
          abandon();
          return;
        }
        // the last checks, right before the request
        StopReason reason;
        try {
          reason = session.checkNow();
        } catch (RuntimeException e) {
          pacing.unused(permit.get());
          throw e;
        }
        if (reason == null && session.stopped()) {
          reason = session.stopReason(); // e.g. stalled: its lease is left to expire
        }
        Instant now = clock.instant();
        if (reason != null || !dialingSwitch.enabled()) {
          pacing.unused(permit.get());
          if (reason != null) {
            session.stop(reason);
          }
          abandon();
          return;
        }
        if (!session.hours().callableAt(now, zone)) {
          pacing.unused(permit.get());
          attempts.requeue(attempt.id(), session.hours().nextCallable(now, zone));
          return;
        }
        tries++;
        session.campaignPacer().sent(now);
        MakeCallOutcome result = plivo.place(request);
        pacing.answered(session, permit.get(), clock.instant());
        attempts.requestSent(attempt.id(), now);
        if (handle(result)) {
          return;
        }
      }
    }

    /** Answers true when the attempt is settled, false to send it again. */
    private boolean handle(MakeCallOutcome result) {
      if (!(result instanceof MakeCallOutcome.Placed)) {
        metrics.failed(result.reason());
      }
      if (result instanceof MakeCallOutcome.Placed placed) {
        attempts.requestAccepted(attempt.id(), placed.requestUuid());
        metrics.placed();
        log.debug("call {} placed: request {}", attempt.id(), placed.requestUuid());
        return true;
      }
      if (result instanceof MakeCallOutcome.Refused refused) {
        if (refused.accountLevel()) {
          outcomes.notPlaced(attempt, refused.detail(), false);
          completion.fail(session.lease(), refused.accountFailure());
          session.stop(StopReason.FINISHED);
        } else {
          log.info("call {} to {} refused: {}", attempt.id(), attempt.to(), refused.detail());
          outcomes.notPlaced(attempt, refused.detail(), true);
        }
        return true;
      }
      if (result instanceof MakeCallOutcome.Ambiguous ambiguous) {
        log.warn(
            "call {} to {}: {}; unknown, never sent again automatically",
            attempt.id(),
            attempt.to(),
            ambiguous.detail());
        outcomes.unknown(attempt, ambiguous.detail());
        return true;
      }
      MakeCallOutcome.NotPlaced notPlaced = (MakeCallOutcome.NotPlaced) result;
      log.warn("call {} try {}: {}", attempt.id(), tries, notPlaced.detail());
      if (tries >= properties.retry().maxTries()) {
        outcomes.notPlaced(
            attempt,
            "gave up after " + tries + " Make-Call requests: " + notPlaced.detail(),
            false);
        return true;
      }
      if (session.sleep(longer(backoff(), notPlaced.retryAfter()))) {
        abandon();
        return true;
      }
      return false;
    }

    /** The attempt will not be sent now (no try placed a call): back to the queue. */
    private void abandon() {
      attempts.requeue(attempt.id(), clock.instant());
    }

    private Duration backoff() {
      Duration initial = properties.retry().initialBackoff();
      Duration backoff = initial.multipliedBy(1L << Math.min(tries - 1, 20));
      return backoff.compareTo(properties.retry().maxBackoff()) > 0
          ? properties.retry().maxBackoff()
          : backoff;
    }

    private static Duration longer(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }
  }
}
