package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.suppression.DoNotCallStore;
import com.voicecampaigns.worker.control.DialingSwitch;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import com.voicecampaigns.worker.pacing.AccountPacer;
import com.voicecampaigns.worker.pacing.AccountPacer.AccountPermits;
import com.voicecampaigns.worker.pacing.AccountPacer.Take;
import com.voicecampaigns.worker.pacing.ServerClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last steps before one claimed attempt is sent, in this order: its send slot in the account's
 * schedule; the tenant's do-not-call list (a number on it ends the attempt {@code suppressed},
 * never dialled); the status and lease of the campaign read again, the kill switch and the calling
 * window (in the contact's zone); the start of the request marked on the attempt, fenced by the
 * claim (a worker that lost the attempt to a successor sends nothing); and the account's permits,
 * taken right before sending (see {@link AccountPacer#take}). When the permits are busy it waits
 * and checks again. An attempt that is not sent goes back to the queue, unless the session stopped
 * because its claim is gone.
 */
@Component
class SendGate {

  private static final Logger log = LoggerFactory.getLogger(SendGate.class);
  private static final Duration MIN_RETRY = Duration.ofMillis(5);
  private static final Duration MAX_RETRY = Duration.ofMillis(200);

  private final AccountPacer pacer;
  private final ServerClock serverClock;
  private final DialingSwitch dialingSwitch;
  private final CallAttemptStore attempts;
  private final DoNotCallStore doNotCall;
  private final WorkerMetrics metrics;
  private final Clock clock;

  SendGate(
      AccountPacer pacer,
      ServerClock serverClock,
      DialingSwitch dialingSwitch,
      CallAttemptStore attempts,
      DoNotCallStore doNotCall,
      WorkerMetrics metrics,
      Clock clock) {
    this.pacer = pacer;
    this.serverClock = serverClock;
    this.dialingSwitch = dialingSwitch;
    this.attempts = attempts;
    this.doNotCall = doNotCall;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The account's permits for the attempt, to send it at once; empty when it is not sent now. */
  Optional<AccountPermits> open(
      SessionLease session, CallingHours hours, CallAttemptDocument attempt) {
    long waitStarted = System.nanoTime();
    Instant slot = pacer.reserveSlot();
    if (session.sleep(Duration.between(serverClock.now(), slot))) {
      attempts.requeue(attempt.id(), session.lease(), clock.instant());
      return Optional.empty();
    }
    // after the wait for the slot, so that a number added meanwhile is not dialled
    if (doNotCall.isSuppressed(attempt.clientId(), attempt.to())) {
      if (attempts.suppress(attempt.id(), clock.instant()).isPresent()) {
        log.info("call {}: the number is on the do-not-call list; not dialled", attempt.id());
        metrics.ended(CallStatus.SUPPRESSED);
      }
      return Optional.empty();
    }
    boolean started = false;
    while (true) {
      Instant notBefore = refusal(session, hours, attempt.contactZone());
      if (notBefore != null) {
        putBack(session, attempt, started, notBefore);
        return Optional.empty();
      }
      if (!started) {
        if (!attempts.startRequest(attempt.id(), session.lease(), clock.instant())) {
          log.warn("attempt {} is no longer claimed by this session: not sent", attempt.id());
          session.stopWithCurrentReason();
          return Optional.empty();
        }
        started = true;
      }
      Take take = pacer.take(attempt.id(), slot);
      if (take instanceof Take.Granted granted) {
        metrics.pacingWait(Duration.ofNanos(System.nanoTime() - waitStarted));
        return Optional.of(granted.permits());
      }
      Take.Refused refused = (Take.Refused) take;
      Duration wait = clamp(Duration.between(serverClock.now(), refused.retryAt()));
      log.debug("attempt {} waits {} ms: {}", attempt.id(), wait.toMillis(), refused.why());
      if (session.sleep(wait)) {
        putBack(session, attempt, true, clock.instant());
        return Optional.empty();
      }
    }
  }

  /**
   * The last checks: {@code null} when the attempt may be sent now, else when it may be tried again
   * (the window's next opening, or now for a stop, the kill switch or an unusable clock).
   */
  private Instant refusal(SessionLease session, CallingHours hours, ZoneId zone) {
    StopReason reason = session.checkNow();
    if (reason == null && session.stopped()) {
      reason = session.stopReason(); // e.g. stalled: send nothing, its lease is left to expire
    }
    Instant now = clock.instant();
    if (reason != null) {
      session.stop(reason);
      return now;
    }
    if (!dialingSwitch.enabled() || serverClock.unusable().isPresent()) {
      return now;
    }
    return hours.callableAt(now, zone) ? null : hours.nextCallable(now, zone);
  }

  private void putBack(
      SessionLease session, CallAttemptDocument attempt, boolean started, Instant notBefore) {
    if (started) {
      attempts.withdrawRequest(attempt.id(), session.lease(), notBefore);
    } else {
      attempts.requeue(attempt.id(), session.lease(), notBefore);
    }
  }

  private static Duration clamp(Duration wait) {
    return wait.compareTo(MIN_RETRY) < 0
        ? MIN_RETRY
        : wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
  }
}
