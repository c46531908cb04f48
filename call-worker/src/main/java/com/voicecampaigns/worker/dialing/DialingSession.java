package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.worker.call.CallAttempt;
import com.voicecampaigns.worker.campaign.Campaign;
import com.voicecampaigns.worker.campaign.InvalidCampaignException;
import com.voicecampaigns.worker.lease.CampaignState;
import com.voicecampaigns.worker.lease.Lease;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.pacing.CampaignPacer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Dials one campaign under one lease, on a thread of its own, one call after another: due retries
 * first, then the next contacts of the list. Stops as soon as it is asked to (pause, cancel, lost
 * lease, shutdown): every wait ends early on {@link #stop}, and the status is read again right
 * before every Make-Call request.
 */
final class DialingSession implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(DialingSession.class);
  private static final Duration PENDING_POLL = Duration.ofMillis(500);
  private static final Duration EXPIRY_SWEEP = Duration.ofSeconds(30);

  private final Lease lease;
  private final DialingServices services;
  private final Runnable onEnd;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile StopReason stopReason;
  private volatile Instant lastRenewed;

  private Campaign campaign;
  private CampaignPacer campaignPacer;
  private ContactWalk walk;
  private boolean exhausted;
  private Instant walkBlockedUntil;
  private Instant nextPendingPoll = Instant.MIN;
  private Instant nextExpirySweep = Instant.MIN;

  DialingSession(Lease lease, DialingServices services, Runnable onEnd) {
    this.lease = lease;
    this.services = services;
    this.onEnd = onEnd;
    this.lastRenewed = services.clock().instant();
  }

  Lease lease() {
    return lease;
  }

  Campaign campaign() {
    return campaign;
  }

  CampaignPacer campaignPacer() {
    return campaignPacer;
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
    Optional<CampaignState> state = services.campaigns().state(lease.campaignId());
    return state.isEmpty() ? StopReason.LEASE_LOST : state.get().stopReasonFor(lease);
  }

  /** The status check of the session registry: stops the session when the campaign says so. */
  void observe(CampaignState state) {
    StopReason reason = state == null ? StopReason.LEASE_LOST : state.stopReasonFor(lease);
    if (reason != null) {
      stop(reason);
    }
  }

  /** Renews the lease when a heartbeat is due. */
  void heartbeat(Instant now) {
    if (stopped() || now.isBefore(lastRenewed.plus(services.properties().heartbeatInterval()))) {
      return;
    }
    if (services.leases().renew(lease)) {
      lastRenewed = now;
    } else {
      stop(Optional.ofNullable(checkNow()).orElse(StopReason.LEASE_LOST));
    }
  }

  @Override
  public void run() {
    MDC.put("campaignId", lease.campaignId());
    MDC.put("dispatchId", lease.dispatchId());
    try {
      if (prepare()) {
        dial();
      }
    } catch (RuntimeException e) {
      log.error("campaign {}: dialling stopped by an unexpected error", lease.campaignId(), e);
      stop(StopReason.LEASE_LOST);
    } finally {
      if (walk != null) {
        walk.close();
      }
      try {
        finish();
      } catch (RuntimeException e) {
        log.error("campaign {}: could not wind the session up", lease.campaignId(), e);
      }
      MDC.clear();
      onEnd.run();
    }
  }

  private boolean prepare() {
    try {
      campaign = services.campaigns().find(lease.campaignId()).orElse(null);
    } catch (InvalidCampaignException e) {
      services.completion().fail(lease, e.getMessage());
      stop(StopReason.FINISHED);
      return false;
    }
    if (campaign == null) {
      stop(StopReason.LEASE_LOST);
      return false;
    }
    if (!services.campaigns().listAvailable(campaign.listId())) {
      services.completion().fail(lease, "contact list " + campaign.listId() + " no longer exists");
      stop(StopReason.FINISHED);
      return false;
    }
    for (CallAttempt orphan : services.attempts().orphans(lease)) {
      log.warn(
          "attempt {} to contact {} was claimed by {} and never heard back from Plivo: unknown",
          orphan.id(),
          orphan.contactId(),
          orphan.workerId());
      services
          .outcomes()
          .unknown(
              orphan, "claimed by " + orphan.workerId() + ", which stopped before Plivo answered");
    }
    campaignPacer =
        new CampaignPacer(
            campaign.callsPerSecond(),
            services.properties().pacing().clockSkewAllowance(),
            services.attempts().lastDialedAt(lease.campaignId()).orElse(null),
            services.plivo().callTimeout(),
            services.clock().instant());
    exhausted = campaign.contactsExhausted();
    walk =
        new ContactWalk(
            services.mongo(),
            campaign.listId(),
            campaign.cursor(),
            services.properties().contactBatchSize(),
            ids -> services.attempts().contactsWithFirstAttempt(lease.campaignId(), ids),
            position -> services.campaigns().saveCursor(lease, position));
    log.info("campaign {}: dialling (cursor {})", lease.campaignId(), campaign.cursor());
    return true;
  }

  private void dial() {
    Duration statusCheck = services.properties().statusCheckInterval();
    while (!stopped()) {
      if (!services.dialingSwitch().enabled()) {
        sleep(statusCheck);
        continue;
      }
      Instant now = services.clock().instant();
      expireStaleCalls(now);
      Integer maxConcurrent = campaign.maxConcurrentCalls();
      if (maxConcurrent != null
          && services.attempts().countActive(lease.campaignId()) >= maxConcurrent) {
        sleep(min(Duration.ofMillis(200), statusCheck));
        continue;
      }
      Optional<CallAttempt> next = nextAttempt(now);
      if (next.isPresent()) {
        services.placer().place(this, next.get());
      } else if (idle(now)) {
        return;
      }
    }
  }

  /** The next attempt to dial now, claimed for this lease; empty when none can be dialled now. */
  private Optional<CallAttempt> nextAttempt(Instant now) {
    while (!now.isBefore(nextPendingPoll)) {
      Optional<CallAttempt> due = services.attempts().claimDuePending(lease, now);
      if (due.isEmpty()) {
        nextPendingPoll = now.plus(PENDING_POLL);
        break;
      }
      CallAttempt attempt = due.get();
      if (campaign.callableAt(now, attempt.contactZone(), margin())) {
        return due;
      }
      services
          .attempts()
          .requeue(attempt.id(), campaign.nextCallable(now, attempt.contactZone(), margin()));
    }
    if (exhausted || (walkBlockedUntil != null && now.isBefore(walkBlockedUntil))) {
      return Optional.empty();
    }
    walkBlockedUntil = null;
    while (!stopped()) {
      Contact contact = walk.peek();
      if (contact == null) {
        exhausted = services.campaigns().markContactsExhausted(lease);
        if (!exhausted) {
          stop(Optional.ofNullable(checkNow()).orElse(StopReason.LEASE_LOST));
        }
        return Optional.empty();
      }
      if (walk.claimed(contact)) {
        walk.advance();
        continue;
      }
      ZoneId zone = contact.zone();
      if (!campaign.callableAt(now, zone, margin())) {
        Instant opening = campaign.nextCallable(now, zone, margin());
        if (campaign.inCampaignZone(zone)) {
          // the campaign's own window is closed: every later contact of its zone waits as well
          walkBlockedUntil = opening;
          saveCursor();
          return Optional.empty();
        }
        services.attempts().insert(firstAttempt(contact, CallStatus.PENDING, opening, now));
        walk.advance();
        continue;
      }
      CallAttempt attempt = firstAttempt(contact, CallStatus.DIALING, null, now);
      walk.advance();
      if (services.attempts().insert(attempt)) {
        return Optional.of(attempt);
      }
    }
    return Optional.empty();
  }

  /**
   * Nothing can be dialled now: completes the campaign when nothing is left, releases it until the
   * next due time when that is far and no call is active, or waits. True when the session is over.
   */
  private boolean idle(Instant now) {
    Instant wake =
        earliest(
            services.attempts().earliestPending(lease.campaignId()).orElse(null), walkBlockedUntil);
    if (exhausted && wake == null) {
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
        && services.attempts().countActive(lease.campaignId()) == 0) {
      saveCursor();
      if (services.leases().release(lease, wake)) {
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
    nextPendingPoll = Instant.MIN;
    return false;
  }

  private void expireStaleCalls(Instant now) {
    if (now.isBefore(nextExpirySweep)) {
      return;
    }
    nextExpirySweep = now.plus(EXPIRY_SWEEP);
    Duration timeout = services.properties().activeCallTimeout();
    // calls are placed one at a time by this thread, so none of these is being placed right now
    for (CallAttempt stale :
        services.attempts().activeSince(lease.campaignId(), now.minus(timeout))) {
      services.outcomes().expired(stale, "no hangup callback within " + timeout);
    }
  }

  private void finish() {
    StopReason reason = stopReason;
    if (reason != null && reason != StopReason.LEASE_LOST) {
      services.leases().letGo(lease.campaignId());
    }
    if (reason == StopReason.SHUTDOWN) {
      saveCursor();
      Instant now = services.clock().instant();
      if (services.leases().release(lease, now)) {
        log.info("campaign {}: released for another worker (shutdown)", lease.campaignId());
        services.hints().released(lease.campaignId(), now);
      }
    } else if (reason == StopReason.CANCELLED) {
      services.completion().cancelPending(lease.campaignId(), "campaign cancelled");
    } else if (reason == StopReason.PAUSED || reason == StopReason.LEASE_LOST) {
      log.info("campaign {}: no more calls ({})", lease.campaignId(), reason);
    }
  }

  private void saveCursor() {
    if (walk != null && walk.position() != null) {
      services.campaigns().saveCursor(lease, walk.position());
    }
  }

  private CallAttempt firstAttempt(
      Contact contact, CallStatus status, Instant notBefore, Instant now) {
    return CallAttempt.first(
        lease.campaignId(),
        campaign.clientId(),
        contact.id(),
        contact.phone(),
        campaign.fromNumber(),
        contact.zone() == null ? null : contact.zone().getId(),
        status,
        notBefore,
        status == CallStatus.DIALING ? lease.dispatchId() : null,
        status == CallStatus.DIALING ? lease.workerId() : null,
        now);
  }

  private Duration margin() {
    return services.properties().callingWindowMargin();
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
