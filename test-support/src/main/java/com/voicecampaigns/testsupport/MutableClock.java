package com.voicecampaigns.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so no test sleeps to let time pass. UTC, and by
 * default millisecond precision from now, as MongoDB stores instants. Optionally it also moves by a
 * step on every read.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private volatile Duration stepPerRead = Duration.ZERO;

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Starts at the current time, truncated to milliseconds. */
  public MutableClock() {
    this(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  public void advance(Duration duration) {
    now.updateAndGet(current -> current.plus(duration));
  }

  /** Every later read returns the current instant and then moves the clock by {@code step}. */
  public void advanceOnEveryRead(Duration step) {
    stepPerRead = step;
  }

  @Override
  public Instant instant() {
    Duration step = stepPerRead;
    return step.isZero() ? now.get() : now.getAndUpdate(current -> current.plus(step));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests run in UTC");
  }
}
