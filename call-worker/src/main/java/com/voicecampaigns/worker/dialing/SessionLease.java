package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.CampaignState;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.lease.WorkerLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeping one session's lease: renewing it when a heartbeat is due, reading the campaign's status
 * and lease again (every status check, and right before every request), and the session's stop
 * signal, which ends every wait of the session early.
 */
final class SessionLease {

  private static final Logger log = LoggerFactory.getLogger(SessionLease.class);

  private final Lease lease;
  private final CampaignReads campaigns;
  private final WorkerLeases leases;
  private final Duration heartbeatInterval;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile StopReason stopReason;
  private volatile Instant lastRenewed;

  SessionLease(
      Lease lease,
      CampaignReads campaigns,
      WorkerLeases leases,
      Duration heartbeatInterval,
      Clock clock) {
    this.lease = lease;
    this.campaigns = campaigns;
    this.leases = leases;
    this.heartbeatInterval = heartbeatInterval;
    this.lastRenewed = clock.instant();
  }

  Lease lease() {
    return lease;
  }

  String campaignId() {
    return lease.campaignId();
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

  /** Waits for {@code duration} in real time; true when the session was asked to stop. */
  boolean sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return stopped();
    }
    try {
      return stopSignal.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(StopReason.SHUTDOWN);
      return true;
    }
  }

  /**
   * Reads the campaign's status and lease now (not from the last status check); answers why the
   * session may not dial, or {@code null} when it may.
   */
  StopReason checkNow() {
    return StopReason.of(campaigns.state(lease.campaignId()), lease);
  }

  /** Stops the session for the reason the campaign gives now, else because its lease is lost. */
  void stopWithCurrentReason() {
    stop(Optional.ofNullable(checkNow()).orElse(StopReason.LEASE_LOST));
  }

  /** The status check of the session registry: stops the session when the campaign says so. */
  void observe(CampaignState state) {
    StopReason reason = StopReason.of(Optional.ofNullable(state), lease);
    if (reason != null) {
      stop(reason);
    }
  }

  /** Renews the lease when a heartbeat is due. */
  void heartbeat(Instant now) {
    if (stopped() || now.isBefore(lastRenewed.plus(heartbeatInterval))) {
      return;
    }
    if (leases.renew(lease)) {
      lastRenewed = now;
    } else {
      stopWithCurrentReason();
    }
  }
}
