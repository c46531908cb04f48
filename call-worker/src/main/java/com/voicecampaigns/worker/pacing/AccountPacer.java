package com.voicecampaigns.worker.pacing;

import com.voicecampaigns.store.pacing.PacingStore;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Plivo account's calls-per-second limit ({@code plivo.cps}), shared by every worker through
 * MongoDB ({@link PacingStore}), in two parts:
 *
 * <ul>
 *   <li><b>Permits, the guarantee.</b> The account has {@code N = floor(cps)} permit documents. A
 *       Make-Call request holds one from before its last check until Plivo's answer arrives, and
 *       the permit is free again only {@code cycle = 1s + clockSkewAllowance} after that answer.
 *       Plivo receives a request between the taking of its permit and the answer, so if N + 1
 *       requests arrived within one second, two of them would have used the same permit, the later
 *       one taken at least a second after the earlier one's answer, hence after its arrival:
 *       impossible. This holds however long a request takes on its way (a GC pause, a loaded
 *       machine, the network), which spacing alone cannot promise. A permit whose holder died frees
 *       itself after the longest a request can take (the HTTP call timeout) plus the cycle.
 *   <li><b>Spacing, the smoothness.</b> One document holds the account's next free send time; each
 *       call reserves the next one ({@code cycle / N} apart) with one atomic update and waits for
 *       it, so calls are spread over the second rather than burst at its start.
 * </ul>
 *
 * {@code plivo.cps = 0} turns the account limit off (a simulator, a benchmark).
 */
@Component
public class AccountPacer {

  /**
   * A next send time further ahead than this cannot come from reservations (every dialling session
   * holds at most one), only from a clock that jumped: it is reset instead of making every worker
   * wait for it.
   */
  static final Duration MAX_AHEAD = Duration.ofHours(1);

  private final PacingStore pacing;
  private final Clock clock;
  private final String key;
  private final int permits;
  private final Duration cycle;
  private final long intervalMicros;
  private final Duration maxRequestTime;

  AccountPacer(PacingStore pacing, PlivoProperties plivo, WorkerProperties worker, Clock clock) {
    this.pacing = pacing;
    this.clock = clock;
    this.key = "plivo-account:" + plivo.authId();
    this.permits = plivo.cps() <= 0 ? 0 : Math.max(1, (int) Math.floor(plivo.cps()));
    this.cycle = Duration.ofSeconds(1).plus(worker.pacing().clockSkewAllowance());
    this.intervalMicros =
        permits == 0 ? 0 : (long) Math.ceil(cycle.toNanos() / 1_000d / plivo.cps());
    this.maxRequestTime = plivo.callTimeout();
    if (permits > 0) {
      pacing.createPermits(key, permits);
    }
  }

  /** Whether the account has a limit at all. */
  public boolean limited() {
    return permits > 0;
  }

  /** Reserves the account's next send time: now when the account is idle, else the next one. */
  public Instant reserveSendTime() {
    if (!limited()) {
      return clock.instant();
    }
    long now = micros(clock.instant());
    return instant(pacing.reserveSlot(key, now, intervalMicros, now + MAX_AHEAD.toNanos() / 1_000));
  }

  /**
   * Takes a free permit for the request of {@code holder}; empty when all are in use (see {@link
   * #nextPermitFree()}). Without an account limit the permit is a no-op.
   */
  public Optional<Permit> tryAcquire(String holder) {
    if (!limited()) {
      return Optional.of(new Permit(null, holder));
    }
    Instant now = clock.instant();
    return pacing
        .tryAcquire(key, permits, holder, now, now.plus(maxRequestTime).plus(cycle))
        .map(id -> new Permit(id, holder));
  }

  /** When the first permit in use becomes free again (now when one is free). */
  public Instant nextPermitFree() {
    return pacing.nextPermitFree(key, permits).orElseGet(clock::instant);
  }

  /**
   * Gives the permit back once Plivo answered (or the request failed): free again one cycle after
   * {@code answeredAt}.
   */
  public void release(Permit permit, Instant answeredAt) {
    if (permit.id() == null) {
      return;
    }
    pacing.giveBack(permit.id(), permit.holder(), answeredAt.plus(cycle));
  }

  /** Gives back a permit whose request was never sent: free again at once. */
  public void unused(Permit permit) {
    if (permit.id() == null) {
      return;
    }
    pacing.giveBack(permit.id(), permit.holder(), clock.instant());
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** A held permit; {@code id} is null when the account has no limit. */
  public record Permit(String id, String holder) {}
}
