package com.voicecampaigns.worker.pacing;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.pacing.PacingStore;
import com.voicecampaigns.store.pacing.PacingStore.HeldPermit;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Gives the account's concurrent-call slots back once their calls are over. A slot is held by the
 * call attempt it was taken for; every worker looks at every held slot each {@code
 * worker.pacing.share-refresh-interval} and frees those whose attempt shows no call can be live:
 * ended (any final status), back in the queue, or never heard of by Plivo within the longest a
 * request and its ringing can take. A slot whose attempt is ringing or in progress, or whose
 * request Plivo accepted, stays held (at most {@code worker.active-call-timeout}, when the attempt
 * expires). So a worker that died leaves no slot taken for long, and the account's count of live
 * calls is never below Plivo's.
 */
@Component
public class ActiveCallSlots implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ActiveCallSlots.class);

  private final AccountPacer pacer;
  private final PacingStore pacing;
  private final CallAttemptReads attempts;
  private final ServerClock clock;
  private final Duration unheardFor;
  private final Duration interval;
  private ScheduledExecutorService sweeps;

  ActiveCallSlots(
      AccountPacer pacer,
      PacingStore pacing,
      CallAttemptReads attempts,
      ServerClock clock,
      PlivoProperties plivo,
      WorkerProperties worker) {
    this.pacer = pacer;
    this.pacing = pacing;
    this.attempts = attempts;
    this.clock = clock;
    this.unheardFor = plivo.callTimeout().plus(plivo.ringTimeout());
    this.interval = worker.pacing().shareRefreshInterval();
  }

  /** One round: frees the slots whose calls are over; answers how many. */
  public int sweep() {
    PermitPool slots = pacer.activeCalls();
    if (slots == null) {
      return 0;
    }
    Instant now = clock.now();
    List<HeldPermit> held = pacing.held(slots.key(), slots.size(), now);
    if (held.isEmpty()) {
      return 0;
    }
    Map<String, CallAttemptDocument> holders =
        attempts.findAll(held.stream().map(HeldPermit::holder).toList()).stream()
            .collect(Collectors.toMap(CallAttemptDocument::id, Function.identity()));
    int freed = 0;
    for (HeldPermit slot : held) {
      if (over(holders.get(slot.holder()), slot, now)
          && pacing.giveBack(slot.id(), slot.holder(), now)) {
        freed++;
      }
    }
    return freed;
  }

  private boolean over(CallAttemptDocument attempt, HeldPermit slot, Instant now) {
    if (attempt == null) {
      return true;
    }
    CallStatus status = attempt.status();
    if (status == CallStatus.RINGING || status == CallStatus.IN_PROGRESS) {
      return false;
    }
    if (status == CallStatus.DIALING || status == CallStatus.UNKNOWN) {
      boolean placed = attempt.requestUuid() != null || attempt.callUuid() != null;
      return !placed && slot.takenAt().plus(unheardFor).isBefore(now);
    }
    return true; // pending again, or ended
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("could not free the concurrent-call slots of ended calls: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (pacer.activeCalls() == null) {
      return;
    }
    sweeps =
        Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "call-slots"));
    long period = interval.toMillis();
    sweeps.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (sweeps != null) {
      sweeps.shutdownNow();
      sweeps = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return sweeps != null;
  }
}
