package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.campaign.CampaignEnds;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.CampaignState;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.lease.WorkerLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeping one session's lease: renewing it when a heartbeat is due, reading the campaign's status,
 * lease and end time again (every status check, and right before every request), and the session's
 * stop signal, which ends every wait of the session early.
 */
final class SessionLease {

  private static final Logger log = LoggerFactory.getLogger(SessionLease.class);

  private final Lease lease;
  private final CampaignReads campaigns;
  private final CampaignEnds ends;
  private final WorkerLeases leases;
  private final LeaseHeartbeat heartbeat;
  private final Duration statusCheckInterval;
  private final Clock clock;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile StopReason stopReason;

  SessionLease(
      Lease lease,
      CampaignReads campaigns,
      CampaignEnds ends,
      WorkerLeases leases,
      WorkerProperties properties,
      Clock clock) {
    this.lease = lease;
    this.campaigns = campaigns;
    this.ends = ends;
    this.leases = leases;
    this.heartbeat = LeaseHeartbeat.of(properties, clock.instant());
    this.statusCheckInterval = properties.statusCheckInterval();
    this.clock = clock;
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

  /** Marks a turn of the session's loop (or an answer to one of its requests) as progress. */
  void progressed() {
    heartbeat.progressed();
  }

  /**
   * Waits for {@code duration} in real time, counted as progress; true when the session was asked
   * to stop.
   */
  boolean sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return stopped();
    }
    try {
      return heartbeat.await(stopSignal, duration, statusCheckInterval) || stopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(StopReason.SHUTDOWN);
      return true;
    }
  }

  /**
   * Reads the campaign's status and lease now (not from the last status check); answers why the
   * session may not dial, or {@code null} when it may. A lease not renewed for too long ({@link
   * LeaseHeartbeat}) is renewed first, fenced, and lost if that fails.
   */
  StopReason checkNow() {
    StopReason reason = readState();
    if (reason == null
        && !heartbeat.renewedIfUntrusted(lease.campaignId(), clock.instant(), this::renew)) {
      return Optional.ofNullable(readState()).orElse(StopReason.LEASE_LOST);
    }
    return reason;
  }

  private StopReason readState() {
    return reasonOf(campaigns.state(lease.campaignId()));
  }

  /**
   * Why the campaign in {@code state} may not be dialled; a campaign whose end time passed is ended
   * here ({@link CampaignEnds#endIfPast}, once whoever gets there first), so no call follows it.
   */
  private StopReason reasonOf(Optional<CampaignState> state) {
    Instant now = clock.instant();
    if (state.isPresent() && state.get().isPastEnd(now) && !state.get().status().isFinished()) {
      ends.endIfPast(lease.campaignId(), now);
      return StopReason.ENDED;
    }
    return StopReason.of(state, lease);
  }

  private boolean renew() {
    return leases.renew(lease);
  }

  /** Stops the session for the reason the campaign gives now, else because its lease is lost. */
  void stopWithCurrentReason() {
    stop(Optional.ofNullable(readState()).orElse(StopReason.LEASE_LOST));
  }

  /** The status check of the session registry: stops the session when the campaign says so. */
  void observe(CampaignState state) {
    StopReason reason = reasonOf(Optional.ofNullable(state));
    if (reason != null) {
      stop(reason);
    }
  }

  /**
   * Renews the lease when due, only while the session makes progress; a stalled session stops
   * ({@link StopReason#STALLED}) and its lease is left to expire.
   */
  void heartbeat(Instant now) {
    switch (stopped()
        ? LeaseHeartbeat.Beat.KEPT
        : heartbeat.beat(lease.campaignId(), now, this::renew)) {
      case STALLED -> stop(StopReason.STALLED);
      case LOST -> stopWithCurrentReason();
      case KEPT -> {} // or already stopped
    }
  }
}
