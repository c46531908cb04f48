package com.voicecampaigns.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs at real speed from a time the test sets: waits and pacing behave normally,
 * while a test moves the worker to "17:59:58 local" or to the next morning in one step.
 */
public final class TestClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  /** From now on the clock reads {@code instant}, and runs on from there. */
  public void setTo(Instant instant) {
    offset = Duration.between(Instant.now(), instant);
  }

  /** What this clock read when the system clock read {@code real} (e.g. a simulator timestamp). */
  public Instant clockTimeOf(Instant real) {
    return real.plus(offset);
  }

  public void reset() {
    offset = Duration.ZERO;
  }
}
