package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.worker.metrics.WorkerMetrics;
import com.voicecampaigns.worker.pacing.AccountPacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Waits for a Make-Call request's turn: the campaign's own calls-per-second (kept by the session),
 * then the account's next send time and one of its permits ({@link AccountPacer}). Every wait ends
 * early when the session stops.
 */
@Component
class PacingGate {

  private final AccountPacer accountPacer;
  private final WorkerMetrics metrics;
  private final Clock clock;

  PacingGate(AccountPacer accountPacer, WorkerMetrics metrics, Clock clock) {
    this.accountPacer = accountPacer;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Waits for the request's turn and takes a permit for it; empty when the session stopped. */
  Optional<AccountPacer.Permit> await(DialingSession session, String holder) {
    long waitStarted = System.nanoTime();
    if (!awaitCampaignTurn(session) || !awaitSendTime(session)) {
      return Optional.empty();
    }
    Optional<AccountPacer.Permit> permit = awaitPermit(session, holder);
    metrics.pacingWait(Duration.ofNanos(System.nanoTime() - waitStarted));
    return permit;
  }

  /** The request was sent and Plivo answered (or it failed) at {@code answeredAt}. */
  void answered(DialingSession session, AccountPacer.Permit permit, Instant answeredAt) {
    accountPacer.release(permit, answeredAt);
    session.campaignPacer().answered(answeredAt);
  }

  /** The request was not sent after all: its permit is free again at once. */
  void unused(AccountPacer.Permit permit) {
    accountPacer.unused(permit);
  }

  /** Waits until the campaign's own limit allows the next request; false when stopped. */
  private boolean awaitCampaignTurn(DialingSession session) {
    Instant allowed = session.campaignPacer().nextAllowed();
    Instant now = clock.instant();
    if (allowed.isAfter(now)) {
      return !session.sleep(Duration.between(now, allowed));
    }
    return !session.stopped();
  }

  /** Reserves the account's next send time and waits for it; false when stopped. */
  private boolean awaitSendTime(DialingSession session) {
    Instant sendTime = accountPacer.reserveSendTime();
    return !session.sleep(Duration.between(clock.instant(), sendTime));
  }

  /** Takes one of the account's permits, waiting for one to come free; empty when stopped. */
  private Optional<AccountPacer.Permit> awaitPermit(DialingSession session, String holder) {
    while (!session.stopped()) {
      Optional<AccountPacer.Permit> permit = accountPacer.tryAcquire(holder);
      if (permit.isPresent()) {
        return permit;
      }
      Duration untilFree = Duration.between(clock.instant(), accountPacer.nextPermitFree());
      session.sleep(clamp(untilFree, Duration.ofMillis(5), Duration.ofMillis(200)));
    }
    return Optional.empty();
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}
