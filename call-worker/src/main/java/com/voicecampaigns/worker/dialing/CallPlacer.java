package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.control.DialingSwitch;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import com.voicecampaigns.worker.pacing.AccountPacer;
import com.voicecampaigns.worker.plivo.MakeCallResult;
import com.voicecampaigns.worker.plivo.PlivoCalls;
import com.voicecampaigns.worker.plivo.PlivoCalls.CallRequest;
import java.net.URI;
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
 * lease right before the request, sends it, and handles what it came to.
 *
 * <p>Transient failures (429, 5xx, no connection) are tried again with exponential backoff: no call
 * was placed, so the same attempt is simply requested again. After a timeout Plivo may have placed
 * the call, so the attempt is requested again only after {@code timeoutRecheck} passed without any
 * ring, answer or hangup callback for its call id (Plivo sends the ring callback when the phone
 * starts ringing); should both calls still be placed, the answer callback connects only the first
 * one answered and hangs up the other. A session that stops while an outcome is uncertain marks the
 * attempt {@code unknown} (never redialled automatically).
 */
@Component
class CallPlacer {

  private static final Logger log = LoggerFactory.getLogger(CallPlacer.class);

  private final PacingGate pacing;
  private final PlivoCalls plivo;
  private final CallAttemptStore attempts;
  private final CallAttemptReads reads;
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
      CallAttemptReads reads,
      CallOutcomes outcomes,
      CampaignCompletion completion,
      DialingSwitch dialingSwitch,
      WorkerMetrics metrics,
      WorkerProperties properties,
      Clock clock) {
    this.pacing = pacing;
    this.plivo = plivo;
    this.attempts = attempts;
    this.reads = reads;
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
    private final CallRequest request;
    private int tries;
    private MakeCallResult.Uncertain uncertain;

    Placement(DialingSession session, CallAttemptDocument attempt) {
      this.session = session;
      this.attempt = attempt;
      this.zone = attempt.contactZone();
      this.request =
          new CallRequest(
              attempt.from(),
              attempt.to(),
              callbackUrl("answer"),
              callbackUrl("hangup"),
              callbackUrl("ring"));
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
          requeueOrUnknown(session.hours().nextCallable(now, zone));
          return;
        }
        tries++;
        session.campaignPacer().sent(now);
        MakeCallResult result = plivo.placeCall(request);
        pacing.answered(session, permit.get(), clock.instant());
        attempts.requestSent(attempt.id(), now);
        if (handle(result)) {
          return;
        }
      }
    }

    /** Answers true when the attempt is settled, false to try again. */
    private boolean handle(MakeCallResult result) {
      if (result instanceof MakeCallResult.Placed placed) {
        attempts.requestAccepted(attempt.id(), placed.requestUuid());
        metrics.placed();
        log.debug("call {} placed: request {}", attempt.id(), placed.requestUuid());
        return true;
      }
      metrics.failed(result.reason());
      if (result instanceof MakeCallResult.Refused refused) {
        if (refused.accountLevel()) {
          outcomes.notPlaced(attempt, refused.message(), false);
          completion.fail(session.lease(), refused.accountFailure());
          session.stop(StopReason.FINISHED);
        } else {
          log.info("call {} to {} refused: {}", attempt.id(), attempt.to(), refused.message());
          outcomes.notPlaced(attempt, refused.message(), true);
        }
        return true;
      }
      if (result instanceof MakeCallResult.Transient failure) {
        log.warn("call {} try {}: {}", attempt.id(), tries, failure.message());
        if (tries >= properties.retry().maxTries()) {
          giveUp(failure.message());
          return true;
        }
        if (session.sleep(backoff())) {
          abandon();
          return true;
        }
        return false;
      }
      MakeCallResult.Uncertain unknownOutcome = (MakeCallResult.Uncertain) result;
      uncertain = unknownOutcome;
      log.warn(
          "call {} try {}: {}; waiting {} for a callback before trying again",
          attempt.id(),
          tries,
          unknownOutcome.message(),
          properties.retry().timeoutRecheck());
      boolean stopped = session.sleep(properties.retry().timeoutRecheck());
      if (reads.callbackArrived(attempt.id())) {
        log.info("call {}: a callback arrived, Plivo did place it", attempt.id());
        return true;
      }
      if (stopped || tries >= properties.retry().maxTries()) {
        abandon();
        return true;
      }
      return false;
    }

    /**
     * The attempt will not be sent now: back to the queue, or unknown if a try may have placed it.
     */
    private void abandon() {
      requeueOrUnknown(clock.instant());
    }

    private void requeueOrUnknown(Instant notBefore) {
      if (uncertain == null) {
        attempts.requeue(attempt.id(), notBefore);
      } else if (!reads.callbackArrived(attempt.id())) {
        outcomes.unknown(attempt, uncertain.message());
      }
    }

    private void giveUp(String message) {
      String error = "gave up after " + tries + " Make-Call requests: " + message;
      if (uncertain == null) {
        outcomes.notPlaced(attempt, error, false);
      } else if (!reads.callbackArrived(attempt.id())) {
        outcomes.unknown(attempt, error + " (an earlier one " + uncertain.reason() + ")");
      }
    }

    private Duration backoff() {
      Duration initial = properties.retry().initialBackoff();
      Duration backoff = initial.multipliedBy(1L << Math.min(tries - 1, 20));
      return backoff.compareTo(properties.retry().maxBackoff()) > 0
          ? properties.retry().maxBackoff()
          : backoff;
    }

    private URI callbackUrl(String kind) {
      String base = properties.publicUrl().toString();
      return URI.create(
          (base.endsWith("/") ? base : base + "/") + "plivo/" + kind + "/" + attempt.id());
    }
  }
}
