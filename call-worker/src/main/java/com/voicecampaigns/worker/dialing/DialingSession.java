package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignState;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.pacing.CampaignPacer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Dials one campaign under one lease, on a thread of its own, one call after another: what to dial
 * is {@link AttemptPicker}'s choice, how a call is placed {@link CallPlacer}'s. Stops as soon as it
 * is asked to (pause, cancel, lost lease, shutdown): every wait ends early on {@link #stop}, and
 * the status is read again right before every Make-Call request. How a session starts and ends is
 * {@link SessionSetup}'s and {@link SessionTeardown}'s.
 */
final class DialingSession implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(DialingSession.class);
  private static final Duration EXPIRY_SWEEP = Duration.ofSeconds(30);

  private final Lease lease;
  private final DialingServices services;
  private final Runnable onEnd;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile StopReason stopReason;
  private final LeaseHeartbeat heartbeat;

  private SessionSetup.Prepared prepared;
  private Instant nextExpirySweep = Instant.MIN;

  DialingSession(Lease lease, DialingServices services, Runnable onEnd) {
    this.lease = lease;
    this.services = services;
    this.onEnd = onEnd;
    this.heartbeat = LeaseHeartbeat.of(services.properties(), services.clock().instant());
  }

  Lease lease() {
    return lease;
  }

  DialingServices services() {
    return services;
  }

  CampaignDocument campaign() {
    return prepared.campaign();
  }

  CallingHours hours() {
    return prepared.hours();
  }

  CampaignPacer campaignPacer() {
    return prepared.pacer();
  }

  /** Asks the session to stop; the first reason given wins. */
  synchronized void stop(StopReason reason) {
    if (stopReason == null) {
      stopReason = reason;
      log.info("campaign {}: stopping ({})", lease.campaignId(), reason);
    }
    stopSignal.countDown();
  }

  boolean stopped() {
    return stopSignal.getCount() == 0;
  }

  /** Why the session stopped, {@code null} while it runs. */
  StopReason stopReason() {
    return stopReason;
  }

  /** Waits {@code duration}, counted as progress; true when the session was asked to stop. */
  boolean sleep(Duration duration) {
    try {
      return heartbeat.await(stopSignal, duration, services.properties().statusCheckInterval())
          || stopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(StopReason.SHUTDOWN);
      return true;
    }
  }

  /**
   * Reads status and lease now: why the session may not dial, or {@code null} when it may. A lease
   * not renewed for too long ({@link LeaseHeartbeat}) is renewed first, and lost if that fails.
   */
  StopReason checkNow() {
    StopReason reason = readState();
    Instant now = services.clock().instant();
    if (reason == null && !heartbeat.renewedIfUntrusted(lease.campaignId(), now, this::renew)) {
      return Optional.ofNullable(readState()).orElse(StopReason.LEASE_LOST);
    }
    return reason;
  }

  private StopReason readState() {
    return StopReason.of(services.campaigns().state(lease.campaignId()), lease);
  }

  private boolean renew() {
    return services.workerLeases().renew(lease);
  }

  /** The status check of the session registry: stops the session when the campaign says so. */
  void observe(CampaignState state) {
    StopReason reason = StopReason.of(Optional.ofNullable(state), lease);
    if (reason != null) {
      stop(reason);
    }
  }

  /** Renews the lease when due; a stalled session stops and its lease is left to expire. */
  void heartbeat(Instant now) {
    switch (stopped()
        ? LeaseHeartbeat.Beat.KEPT
        : heartbeat.beat(lease.campaignId(), now, this::renew)) {
      case STALLED -> stop(StopReason.STALLED);
      case LOST -> stop(Optional.ofNullable(readState()).orElse(StopReason.LEASE_LOST));
      case KEPT -> {} // or already stopped
    }
  }

  @Override
  public void run() {
    MDC.put("campaignId", lease.campaignId());
    MDC.put("dispatchId", lease.dispatchId());
    try {
      prepared = new SessionSetup(this).prepare().orElse(null);
      if (prepared != null) {
        dial();
      }
    } catch (RuntimeException e) {
      log.error("campaign {}: dialling stopped by an unexpected error", lease.campaignId(), e);
      stop(StopReason.ERROR);
    } finally {
      if (prepared != null) {
        prepared.picker().close();
      }
      try {
        new SessionTeardown(this, prepared == null ? null : prepared.picker()).finish();
      } catch (RuntimeException e) {
        log.error("campaign {}: could not wind the session up", lease.campaignId(), e);
      }
      MDC.clear();
      onEnd.run();
    }
  }

  private void dial() {
    Duration statusCheck = services.properties().statusCheckInterval();
    while (!stopped()) {
      heartbeat.progressed();
      if (!services.dialingSwitch().enabled()) {
        sleep(statusCheck);
        continue;
      }
      Instant now = services.clock().instant();
      expireStaleCalls(now);
      Integer maxConcurrent = campaign().maxConcurrentCalls();
      if (maxConcurrent != null
          && services.attemptReads().countActive(lease.campaignId()) >= maxConcurrent) {
        sleep(min(Duration.ofMillis(200), statusCheck));
        continue;
      }
      Optional<CallAttemptDocument> next = prepared.picker().next(now);
      if (next.isPresent()) {
        services.placer().place(this, next.get());
      } else if (idle(now)) {
        return;
      }
    }
  }

  /**
   * Nothing can be dialled now: completes the campaign when nothing is left, releases it until the
   * next due time when that is far and no call is active, or waits. True when the session is over.
   */
  private boolean idle(Instant now) {
    AttemptPicker picker = prepared.picker();
    Instant wake =
        earliest(
            services.attemptReads().earliestPending(lease.campaignId()).orElse(null),
            picker.walkBlockedUntil());
    if (picker.exhausted() && wake == null) {
      if (services.completion().completeIfDone(lease)) {
        stop(StopReason.FINISHED);
        return true;
      }
      StopReason reason = checkNow();
      if (reason != null) {
        stop(reason);
        return true;
      }
    } else if (wake != null
        && Duration.between(now, wake).compareTo(services.properties().releaseWhenIdleFor()) > 0
        && services.attemptReads().countActive(lease.campaignId()) == 0) {
      picker.saveCursor();
      if (services.workerLeases().release(lease, wake)) {
        log.info("campaign {}: nothing to dial before {}: released", lease.campaignId(), wake);
        stop(StopReason.RELEASED);
        services.hints().released(lease.campaignId(), wake);
      } else {
        stop(Optional.ofNullable(checkNow()).orElse(StopReason.LEASE_LOST));
      }
      return true;
    }
    Duration statusCheck = services.properties().statusCheckInterval();
    Duration pause = wake == null ? statusCheck : min(statusCheck, Duration.between(now, wake));
    sleep(pause.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : pause);
    picker.pollPendingNow();
    return false;
  }

  private void expireStaleCalls(Instant now) {
    if (now.isBefore(nextExpirySweep)) {
      return;
    }
    nextExpirySweep = now.plus(EXPIRY_SWEEP);
    Duration timeout = services.properties().activeCallTimeout();
    // calls are placed one at a time by this thread, so none of these is being placed right now
    for (CallAttemptDocument stale :
        services.attemptReads().activeSince(lease.campaignId(), now.minus(timeout))) {
      services.outcomes().expired(stale, "no hangup callback within " + timeout);
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
