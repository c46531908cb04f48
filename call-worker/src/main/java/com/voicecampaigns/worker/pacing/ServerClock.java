package com.voicecampaigns.worker.pacing;

import com.voicecampaigns.store.pacing.PacingStore;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * MongoDB's clock, as this worker sees it: every pacing time that another worker compares with
 * (send slots, permits, demands) is on it, so workers whose own clocks disagree still pace as one.
 *
 * <p>Every {@code worker.pacing.clock-check-interval} it asks MongoDB for its time ({@link
 * PacingStore#serverTime}) a few times, brackets each answer with this worker's clock, and keeps
 * the sample with the shortest round trip: the server's time was read somewhere within that round
 * trip, so taking its midpoint is off by at most half of it (the measurement's error). While the
 * offset is unknown, stale, less certain than {@code worker.pacing.max-clock-error}, or larger than
 * {@code worker.pacing.max-clock-skew}, {@link #unusable()} says why and the worker does not dial
 * (it measures again every half second until it may).
 *
 * <p>Between measurements {@link #now()} runs on from the last sample by the JVM's monotonic clock,
 * not by the worker's wall clock: a wall clock that jumps (a step of NTP, a test moving the
 * worker's clock to another day) moves neither the shared pacing times nor anyone's waits.
 */
@Component
public class ServerClock implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ServerClock.class);
  private static final int SAMPLES = 5;
  private static final Duration RETRY = Duration.ofMillis(500);

  private final PacingStore pacing;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final String probe;
  private final WorkerProperties.Pacing settings;
  private volatile Measurement last;
  private ScheduledExecutorService checks;

  @Autowired
  ServerClock(PacingStore pacing, WorkerProperties worker, Clock clock, WorkerMetrics metrics) {
    this(pacing, worker, clock, System::nanoTime);
    metrics.gauge(
        "worker.pacing.clock.offset",
        "seconds MongoDB's clock is ahead of this worker's (pacing runs on MongoDB's)",
        () -> last == null ? Double.NaN : last.offset().toNanos() / 1e9);
  }

  ServerClock(PacingStore pacing, WorkerProperties worker, Clock clock, LongSupplier nanoTime) {
    this.pacing = pacing;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.probe = worker.id();
    this.settings = worker.pacing();
  }

  /**
   * One measurement.
   *
   * @param server MongoDB's clock at the monotonic instant {@code nanos}
   * @param offset MongoDB's clock minus this worker's clock
   * @param error how far either may be off (half the round trip, half a millisecond of rounding)
   */
  public record Measurement(Instant server, long nanos, Duration offset, Duration error) {}

  /** MongoDB's clock now (this worker's own clock until the first measurement). */
  public Instant now() {
    Measurement current = last;
    if (current == null) {
      return clock.instant();
    }
    return current.server().plusNanos(nanoTime.getAsLong() - current.nanos());
  }

  /** The last measurement, empty before the first. */
  public Optional<Measurement> measurement() {
    return Optional.ofNullable(last);
  }

  /** Why pacing cannot rely on this clock now, empty when it can. */
  public Optional<String> unusable() {
    Measurement current = last;
    if (current == null) {
      return Optional.of("this worker's clock has not been measured against MongoDB's yet");
    }
    if (current.error().compareTo(settings.maxClockError()) > 0) {
      return Optional.of(
          "the clock offset to MongoDB is uncertain by "
              + current.error().toMillis()
              + " ms (above worker.pacing.max-clock-error)");
    }
    if (current.offset().abs().compareTo(settings.maxClockSkew()) > 0) {
      return Optional.of(
          "this worker's clock is "
              + current.offset().negated().toMillis()
              + " ms off MongoDB's (above worker.pacing.max-clock-skew)");
    }
    Duration age = Duration.ofNanos(nanoTime.getAsLong() - current.nanos());
    if (age.compareTo(settings.clockCheckInterval().multipliedBy(3)) > 0) {
      return Optional.of("the clock offset to MongoDB was last measured " + age + " ago");
    }
    return Optional.empty();
  }

  /** Measures the offset again now (also on a schedule once started). */
  public synchronized Measurement measure() {
    Measurement best = null;
    for (int i = 0; i < SAMPLES; i++) {
      long sentNanos = nanoTime.getAsLong();
      Instant sent = clock.instant();
      Instant server = pacing.serverTime(probe);
      long halfTrip = (nanoTime.getAsLong() - sentNanos) / 2;
      // the server's clock is a millisecond date: its true time is up to a millisecond later
      Instant serverMid = server.plusNanos(500_000);
      Measurement sample =
          new Measurement(
              serverMid,
              sentNanos + halfTrip,
              Duration.between(sent.plusNanos(halfTrip), serverMid),
              Duration.ofNanos(halfTrip + 500_000));
      if (best == null || sample.error().compareTo(best.error()) < 0) {
        best = sample;
      }
    }
    Measurement previous = last;
    last = best;
    if (previous == null
        || best.offset().minus(previous.offset()).abs().compareTo(Duration.ofMillis(5)) > 0) {
      log.info(
          "MongoDB's clock is {} ms {} this worker's (± {} ms)",
          best.offset().abs().toMillis(),
          best.offset().isNegative() ? "behind" : "ahead of",
          String.format("%.1f", best.error().toNanos() / 1e6));
    }
    return best;
  }

  /** Measures when the last measurement is due again, or at once while it is not usable. */
  private void measureQuietly() {
    try {
      Measurement current = last;
      Duration age =
          current == null ? null : Duration.ofNanos(nanoTime.getAsLong() - current.nanos());
      if (age == null
          || unusable().isPresent()
          || age.compareTo(settings.clockCheckInterval()) >= 0) {
        measure();
      }
    } catch (RuntimeException e) {
      log.warn("could not measure the clock against MongoDB's: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    checks =
        Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "clock-check"));
    long period = Math.min(RETRY.toMillis(), settings.clockCheckInterval().toMillis());
    checks.scheduleWithFixedDelay(this::measureQuietly, 0, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (checks != null) {
      checks.shutdownNow();
      checks = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return checks != null;
  }
}
