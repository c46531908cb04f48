package com.voicecampaigns.worker.pacing;

import com.voicecampaigns.store.pacing.PacingStore;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The Plivo account's limits, shared by every worker through MongoDB ({@link PacingStore}) and
 * timed on MongoDB's clock ({@link ServerClock}), so workers whose clocks disagree still count as
 * one:
 *
 * <ul>
 *   <li><b>Calls per second</b> ({@code plivo.cps}): {@code N = floor(cps)} permits. A request
 *       takes one right before it is sent and the permit is busy for {@code 1s + allowance} from
 *       then, so of N + 1 requests two used one permit, the later one at least a second plus the
 *       allowance after the earlier: no one-second window at Plivo holds more than N, as long as a
 *       request reaches Plivo within the allowance of its permit. That is checked at the last
 *       moment, once the request holds its connection: a permit older than {@code renew-after} is
 *       renewed before the request is written (see {@link #confirm}).
 *   <li><b>API requests</b> ({@code plivo.limits.api-requests} per {@code api-window}): the same
 *       with a pool of that size and a window of that length.
 *   <li><b>Concurrent calls</b> ({@code plivo.limits.max-concurrent-calls}): a pool of slots, each
 *       held from right before a request until the worker learns that the call ended ({@link
 *       ActiveCallSlots} gives slots back).
 *   <li><b>Spacing</b>: one document holds the account's next send time; each request reserves the
 *       next one, {@code 1 / capacity} apart, so requests are spread evenly instead of bursting at
 *       the start of each second.
 * </ul>
 */
@Component
public class AccountPacer {

  /** A next send time further ahead than this cannot come from reservations: it is reset. */
  static final Duration MAX_AHEAD = Duration.ofHours(1);

  private final PacingStore pacing;
  private final ServerClock clock;
  private final String account;
  private final PermitPool callsPerSecond;
  private final PermitPool apiRequests;
  private final PermitPool activeCalls;
  private final double capacity;
  private final long slotMicros;
  private final LastPermitCheck lastCheck;
  private final Duration backdate;
  private final AtomicLong takes = new AtomicLong();

  AccountPacer(
      PacingStore pacing,
      ServerClock clock,
      PlivoProperties plivo,
      AccountLimits limits,
      WorkerProperties worker) {
    this.pacing = pacing;
    this.clock = clock;
    this.account = "plivo-account:" + plivo.authId();
    Duration allowance = worker.pacing().timingAllowance();
    int perSecond = plivo.cps() <= 0 ? 0 : Math.max(1, (int) Math.floor(plivo.cps()));
    Duration second = Duration.ofSeconds(1).plus(allowance);
    Duration apiWindow = limits.apiWindow().plus(allowance);
    this.callsPerSecond =
        perSecond == 0 ? null : new PermitPool(pacing, account, perSecond, second);
    this.apiRequests =
        limits.apiRequests() == 0
            ? null
            : new PermitPool(pacing, account + "/api", limits.apiRequests(), apiWindow);
    this.activeCalls =
        limits.maxConcurrentCalls() == 0
            ? null
            : new PermitPool(
                pacing,
                account + "/calls",
                limits.maxConcurrentCalls(),
                worker.activeCallTimeout());
    this.lastCheck =
        new LastPermitCheck(clock, worker.pacing().renewAfter(), callsPerSecond, apiRequests);
    this.backdate = worker.pacing().renewAfter().dividedBy(2);
    double cps = perSecond == 0 ? Double.POSITIVE_INFINITY : perSecond / seconds(second);
    double api =
        apiRequests == null ? Double.POSITIVE_INFINITY : limits.apiRequests() / seconds(apiWindow);
    this.capacity = Math.min(cps, api);
    this.slotMicros = Double.isInfinite(capacity) ? 0 : (long) Math.ceil(1e6 / capacity);
  }

  /** The account's key in the shared state. */
  public String account() {
    return account;
  }

  /** The calls per second the account can take, over all workers; infinite without a limit. */
  public double capacity() {
    return capacity;
  }

  /** The account's concurrent-call slots, {@code null} without that limit. */
  PermitPool activeCalls() {
    return activeCalls;
  }

  /**
   * Reserves the account's next send time (MongoDB's clock): now when the account is idle, else the
   * next free one; now at once without a rate limit.
   */
  public Instant reserveSlot() {
    Instant now = clock.now();
    if (slotMicros == 0) {
      return now;
    }
    long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    long farAhead = nowMicros + MAX_AHEAD.toNanos() / 1_000;
    long slot = pacing.reserveSlot(account, nowMicros, slotMicros, farAhead);
    return Instant.EPOCH.plus(slot, ChronoUnit.MICROS);
  }

  /** Whether a concurrent-call slot is free now (always, without that limit). */
  public boolean callSlotFree() {
    return activeCalls == null || activeCalls.anyFree(clock.now());
  }

  /**
   * Takes what one request needs before it is sent: a concurrent-call slot held by {@code callId},
   * an API request permit and a calls-per-second permit. Everything or nothing: on refusal whatever
   * was taken is free again.
   *
   * <p>The rate permits are dated {@code slot}, the request's place in the account's schedule, when
   * the take comes up to half of {@code renew-after} after it (a thread woken late, a slow MongoDB
   * answer), else that half before now; never before the permit was free. Dated on take, a permit
   * would carry each request's lateness into its next use a window later, and the account would
   * lose every late millisecond for good; the date stays within the age {@link #confirm} allows, so
   * the window bound holds as before. {@link #confirm} renews a permit that is older than that when
   * its request is written.
   */
  public Take take(String callId, Instant slot) {
    Instant now = clock.now();
    Instant earliest = now.minus(backdate);
    Instant dated = slot.isAfter(now) ? now : slot.isBefore(earliest) ? earliest : slot;
    Optional<PermitPool.Held> call = Optional.empty();
    if (activeCalls != null) {
      call = activeCalls.take(callId, now);
      if (call.isEmpty()) {
        return refused(activeCalls, now, "every concurrent-call slot is busy", null, null);
      }
    }
    String holder = callId + "#" + takes.incrementAndGet();
    PermitPool.Held api = null;
    if (apiRequests != null) {
      Take took =
          takeRate(apiRequests, holder, dated, "the API request limit is reached", call, null);
      if (took instanceof Take.Refused) {
        return took;
      }
      api = ((Take.Granted) took).permits().api();
    }
    PermitPool.Held second = null;
    if (callsPerSecond != null) {
      Take took =
          takeRate(callsPerSecond, holder, dated, "the calls per second are used", call, api);
      if (took instanceof Take.Refused) {
        return took;
      }
      second = ((Take.Granted) took).permits().second();
    }
    return new Take.Granted(new AccountPermits(second, api, call.orElse(null)));
  }

  /**
   * The last check, once the request holds a connection and right before its first byte is written
   * (run there by {@code PlivoCalls}): true when its rate permits are as good as taken now, renewed
   * if need be ({@link LastPermitCheck}); false when one was lost, and then the request must not be
   * sent ({@link #unused}).
   */
  public boolean confirm(AccountPermits permits) {
    return lastCheck.confirm(permits);
  }

  /** The request was never sent: everything it took is free again now. */
  public void unused(AccountPermits permits) {
    Instant now = clock.now();
    giveBack(callsPerSecond, permits.second(), now);
    giveBack(apiRequests, permits.api(), now);
    giveBack(activeCalls, permits.call(), now);
  }

  /** Plivo placed no call for the request: its concurrent-call slot is free again now. */
  public void noCall(AccountPermits permits) {
    giveBack(activeCalls, permits.call(), clock.now());
  }

  private Take takeRate(
      PermitPool pool,
      String holder,
      Instant dated,
      String busy,
      Optional<PermitPool.Held> call,
      PermitPool.Held api) {
    Optional<PermitPool.Held> taken = pool.take(holder, dated);
    if (taken.isEmpty()) {
      Instant now = clock.now();
      taken = dated.isBefore(now) ? pool.take(holder, now) : taken; // freed since its date
      if (taken.isEmpty()) {
        return refused(pool, now, busy, call.orElse(null), api);
      }
    }
    PermitPool.Held held = taken.get();
    boolean isApi = pool == apiRequests;
    return new Take.Granted(new AccountPermits(isApi ? null : held, isApi ? held : null, null));
  }

  private Take refused(
      PermitPool full, Instant now, String why, PermitPool.Held call, PermitPool.Held api) {
    giveBack(activeCalls, call, now);
    giveBack(apiRequests, api, now);
    return new Take.Refused(full.nextFree(now), why);
  }

  private static void giveBack(PermitPool pool, PermitPool.Held permit, Instant at) {
    if (pool != null && permit != null) {
      pool.giveBack(permit, at);
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** What a request holds: each permit {@code null} when the account has no such limit. */
  public record AccountPermits(PermitPool.Held second, PermitPool.Held api, PermitPool.Held call) {}

  /** The outcome of {@link #take}. */
  public sealed interface Take {
    /** Everything was taken. */
    record Granted(AccountPermits permits) implements Take {}

    /** Nothing is held; try again at {@code retryAt} (MongoDB's clock). */
    record Refused(Instant retryAt, String why) implements Take {}
  }
}
