package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.control.DialingSwitch;
import com.voicecampaigns.worker.pacing.AccountPacer;
import com.voicecampaigns.worker.pacing.AccountPacer.AccountPermits;
import com.voicecampaigns.worker.pacing.CampaignRate;
import com.voicecampaigns.worker.pacing.CampaignRates;
import com.voicecampaigns.worker.pacing.ServerClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One session's placement pipeline: it keeps as many of the campaign's Make-Call requests
 * outstanding as its limits allow, so its rate is its share of the account's rate, whatever Plivo's
 * latency. Each turn: wait for the campaign's next turn ({@link CampaignRate}: its own {@code
 * callsPerSecond} and its fair share, spaced evenly), for room under its own {@code
 * maxConcurrentCalls}, the account's concurrent calls and this worker's requests in flight; claim
 * the next attempt ({@link AttemptPicker}); pass the {@link SendGate} (send slot, checks, fenced
 * start, permits); and hand the request to a thread of {@link RequestsInFlight}.
 *
 * <p>Until Plivo placed one of the session's calls, one request at a time goes out: an account
 * Plivo refuses (credentials, credit) fails the campaign after one request, not a pipeline full.
 */
final class PlacementPipeline {

  private static final Duration CAPACITY_POLL = Duration.ofMillis(100);

  private final SessionLease session;
  private final CampaignDocument campaign;
  private final CallingHours hours;
  private final AttemptPicker picker;
  private final CampaignRate rate;
  private final Factory parts;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean warm;

  private PlacementPipeline(
      SessionLease session,
      CampaignDocument campaign,
      CallingHours hours,
      AttemptPicker picker,
      Factory parts) {
    this.session = session;
    this.campaign = campaign;
    this.hours = hours;
    this.picker = picker;
    this.parts = parts;
    this.rate = parts.rates.rateOf(campaign);
  }

  /**
   * One turn of the pipeline: sends the next attempt, or waits for what holds it back; false when
   * there is nothing to dial now (the session's idle policy decides what next).
   */
  boolean placeNext() {
    if (!parts.dialingSwitch.enabled() || parts.serverClock.unusable().isPresent()) {
      rate.idle();
      session.sleep(parts.statusCheck);
      return true;
    }
    rate.working();
    Instant turn = rate.nextTurn();
    if (turn == null) {
      session.sleep(parts.shareRefresh);
      return true;
    }
    if (session.sleep(Duration.between(parts.serverClock.now(), turn)) || !roomForACall()) {
      return true;
    }
    if (!parts.requests.reserve(session)) {
      return true;
    }
    boolean sent = false;
    try {
      Optional<CallAttemptDocument> next = picker.next(parts.clock.instant());
      if (next.isEmpty()) {
        rate.idle();
        return false;
      }
      rate.taken();
      CallAttemptDocument attempt = next.get();
      Optional<AccountPermits> permits = parts.gate.open(session, hours, attempt);
      if (permits.isPresent()) {
        rate.sent();
        inFlight.add(attempt.id());
        parts.requests.send(() -> send(attempt, permits.get()));
        sent = true;
      }
      return true;
    } finally {
      if (!sent) {
        parts.requests.release();
      }
    }
  }

  /** The attempts whose requests are outstanding now. */
  Set<String> inFlight() {
    return Set.copyOf(inFlight);
  }

  /** Waits until the session's outstanding requests are answered (at most {@code timeout}). */
  void drain(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The session is over: its campaign leaves the account's split here. */
  void close() {
    rate.close();
  }

  private void send(CallAttemptDocument attempt, AccountPermits permits) {
    try {
      if (parts.placer.send(session, attempt, campaign.effectiveMachineDetection(), permits)) {
        warm = true;
      }
    } finally {
      inFlight.remove(attempt.id());
    }
  }

  /** Whether one more call fits now; if not, waits a little (and tells the share why). */
  private boolean roomForACall() {
    boolean probing = !warm && !inFlight.isEmpty();
    Integer maxConcurrent = campaign.maxConcurrentCalls();
    boolean ownLimit =
        maxConcurrent != null && parts.reads.countActive(campaign.id()) >= maxConcurrent;
    if (!probing && !ownLimit && parts.pacer.callSlotFree()) {
      return true;
    }
    long started = System.nanoTime();
    session.sleep(probing ? Duration.ofMillis(10) : CAPACITY_POLL);
    if (ownLimit) {
      rate.heldBack(System.nanoTime() - started);
    }
    return false;
  }

  /** Builds the pipelines of the sessions. */
  @Component
  static class Factory {

    private final CampaignRates rates;
    private final SendGate gate;
    private final RequestsInFlight requests;
    private final Placer placer;
    private final AccountPacer pacer;
    private final CallAttemptReads reads;
    private final DialingSwitch dialingSwitch;
    private final ServerClock serverClock;
    private final Clock clock;
    private final Duration statusCheck;
    private final Duration shareRefresh;

    Factory(
        CampaignRates rates,
        SendGate gate,
        RequestsInFlight requests,
        Placer placer,
        AccountPacer pacer,
        CallAttemptReads reads,
        DialingSwitch dialingSwitch,
        ServerClock serverClock,
        WorkerProperties properties,
        Clock clock) {
      this.rates = rates;
      this.gate = gate;
      this.requests = requests;
      this.placer = placer;
      this.pacer = pacer;
      this.reads = reads;
      this.dialingSwitch = dialingSwitch;
      this.serverClock = serverClock;
      this.clock = clock;
      this.statusCheck = properties.statusCheckInterval();
      this.shareRefresh = properties.pacing().shareRefreshInterval();
    }

    PlacementPipeline pipeline(
        SessionLease session, CampaignDocument campaign, CallingHours hours, AttemptPicker picker) {
      return new PlacementPipeline(session, campaign, hours, picker, this);
    }
  }
}
