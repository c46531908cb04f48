package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.worker.WorkerProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a session's lease is renewed, driven by the session's progress rather than by the clock
 * alone: the status check renews a lease only while its session keeps moving (each turn of its
 * loop, each slice of a wait). A session stuck for {@code worker.progress-timeout} (a request that
 * never ends, a lock, a bug) is renewed no more, so its lease expires and another worker takes the
 * campaign over; whatever the stuck thread does once it moves again is checked against the lease
 * first. Progress is timed on a monotonic clock ({@link System#nanoTime()}), not the wall clock: a
 * wall clock set forward must not look like a stall.
 *
 * <p>Also a guard right before each request: a lease this worker has not renewed for longer than
 * {@code leaseDuration - heartbeatInterval} (the process was stopped, starved, or its renewals
 * failed) may have expired and been taken by another worker, so the session renews it first,
 * fenced, and sends nothing if that fails.
 */
final class LeaseHeartbeat {

  private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

  /** What a heartbeat came to. */
  enum Beat {
    /** No renewal was due, or it succeeded. */
    KEPT,
    /** The renewal failed: the lease is lost (or the campaign moved on). */
    LOST,
    /** The session made no progress for the progress timeout: the lease is left to expire. */
    STALLED
  }

  private final Duration heartbeatInterval;
  private final Duration trustedFor;
  private final long progressTimeoutNanos;
  private final LongSupplier nanoTime;
  private volatile Instant lastRenewed;
  private volatile long lastProgress;

  /** The heartbeat of a lease taken at {@code takenAt}, by the worker's settings. */
  static LeaseHeartbeat of(WorkerProperties properties, Instant takenAt) {
    return new LeaseHeartbeat(
        properties.heartbeatInterval(),
        properties.leaseDuration(),
        properties.progressTimeout(),
        takenAt);
  }

  /**
   * @param takenAt when the lease was taken (a renewal)
   */
  LeaseHeartbeat(
      Duration heartbeatInterval,
      Duration leaseDuration,
      Duration progressTimeout,
      Instant takenAt) {
    this(heartbeatInterval, leaseDuration, progressTimeout, takenAt, System::nanoTime);
  }

  LeaseHeartbeat(
      Duration heartbeatInterval,
      Duration leaseDuration,
      Duration progressTimeout,
      Instant takenAt,
      LongSupplier nanoTime) {
    this.heartbeatInterval = heartbeatInterval;
    this.trustedFor = leaseDuration.minus(heartbeatInterval);
    this.progressTimeoutNanos = progressTimeout.toNanos();
    this.nanoTime = nanoTime;
    this.lastRenewed = takenAt;
    this.lastProgress = nanoTime.getAsLong();
  }

  /**
   * Waits up to {@code duration} for {@code signal}, in slices of at most {@code slice}, each one
   * counted as progress; true when signalled.
   */
  boolean await(CountDownLatch signal, Duration duration, Duration slice)
      throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, duration.toNanos());
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      if (signal.await(Math.min(left, slice.toNanos()), TimeUnit.NANOSECONDS)) {
        return true;
      }
      progressed();
    }
  }

  /** The session moved on. */
  void progressed() {
    lastProgress = nanoTime.getAsLong();
  }

  /**
   * The monitor's heartbeat: renews the lease with {@code renew} when a renewal is due, unless the
   * session has stalled.
   */
  Beat beat(String campaignId, Instant now, BooleanSupplier renew) {
    if (!renewDue(now)) {
      return Beat.KEPT;
    }
    if (stalled()) {
      log.error(
          "campaign {}: the dialling session made no progress for {}: its lease is left to expire",
          campaignId,
          sinceProgress());
      return Beat.STALLED;
    }
    if (!renew.getAsBoolean()) {
      return Beat.LOST;
    }
    renewed(now);
    return Beat.KEPT;
  }

  /**
   * Right before a request: a lease whose last renewal is too old to trust is renewed first with
   * {@code renew}; false when that failed (send nothing).
   */
  boolean renewedIfUntrusted(String campaignId, Instant now, BooleanSupplier renew) {
    if (trusted(now)) {
      return true;
    }
    log.warn(
        "campaign {}: lease last renewed {} ago, too long to trust before a request: renewing it",
        campaignId,
        Duration.between(lastRenewed, now));
    if (!renew.getAsBoolean()) {
      return false;
    }
    renewed(now);
    return true;
  }

  /** Whether a renewal is due at {@code now}. */
  boolean renewDue(Instant now) {
    return !now.isBefore(lastRenewed.plus(heartbeatInterval));
  }

  /** Whether the session has not moved for longer than the progress timeout. */
  boolean stalled() {
    return nanoTime.getAsLong() - lastProgress > progressTimeoutNanos;
  }

  /** How long the session has not moved. */
  Duration sinceProgress() {
    return Duration.ofNanos(nanoTime.getAsLong() - lastProgress);
  }

  /** The lease was renewed by an update sent at {@code sentAt}. */
  void renewed(Instant sentAt) {
    lastRenewed = sentAt;
  }

  /** Whether the last renewal is recent enough to trust the lease without renewing it first. */
  boolean trusted(Instant now) {
    return now.isBefore(lastRenewed.plus(trustedFor));
  }
}
