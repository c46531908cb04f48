package com.voicecampaigns.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a placed call: the optional ring callback, then (after the ring delay) either the answer
 * callback followed, after the call duration, by the hangup callback, or the hangup callback alone
 * for calls that are not answered. With machine detection asked for, a machine is reported to the
 * {@code machine_detection_url} (asynchronous) or in the answer callback (synchronous), and with
 * {@code hangup} the call is hung up on it. Every callback is written to the audit log.
 */
final class CallLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CallLifecycle.class);

  private final CallBehaviour behaviour;
  private final CallbackPolicy policy;
  private final MachinePolicy machines;
  private final ActiveCalls active;
  private final CallbackDelivery delivery;
  private final ScheduledExecutorService scheduler;
  private final AuditLogWriter audit;
  private final Clock clock;
  private final CallbackParams params;

  /** Bumped to abandon every call in progress: their pending steps then do nothing. */
  private final AtomicLong generation = new AtomicLong();

  CallLifecycle(
      SimulatorConfig config,
      MachinePolicy machines,
      ActiveCalls active,
      CallbackSender sender,
      ScheduledExecutorService scheduler,
      AuditLogWriter audit) {
    this.behaviour = config.calls();
    this.policy = config.callbacks();
    this.machines = machines;
    this.active = active;
    this.delivery = new CallbackDelivery(sender, audit, config.clock());
    this.scheduler = scheduler;
    this.audit = audit;
    this.clock = config.clock();
    this.params = new CallbackParams(clock.getZone());
  }

  void begin(CallRecord call) {
    long current = generation.get();
    CallOutcome outcome = call.outcome();
    if (outcome == CallOutcome.CONCURRENCY_LIMIT) {
      schedule(Duration.ZERO, current, () -> end(call, current, 0, false));
      return;
    }
    Runnable next =
        outcome == CallOutcome.ANSWERED
            ? () -> answer(call, current)
            : () -> end(call, current, 0, false);
    String ringUrl = call.request().ringUrl();
    if (ringUrl == null || outcome == CallOutcome.FAILED) {
      schedule(behaviour.ringDelay(), current, next);
      return;
    }
    // The ring callback is delivered before the ring delay starts, so it always comes first.
    delivery
        .send(
            call,
            "ring",
            ringUrl,
            call.request().ringMethod(),
            params.event(call, "ringing", "Ring"),
            1)
        .thenAccept(
            result -> {
              call.ringing(result);
              schedule(behaviour.ringDelay(), current, next);
            });
  }

  /** Abandons every call in progress (their remaining callbacks are not sent). */
  void abandonAll() {
    generation.incrementAndGet();
  }

  private void answer(CallRecord call, long current) {
    call.answered(clock.instant());
    MakeCallRequest request = call.request();
    Duration detection = machines.setting().delay();
    if (request.machineDetection() == null) {
      deliverAnswer(call, current, false);
    } else if (request.machineDetectionUrl() == null) {
      // synchronous: the answer URL is fetched once detection is done, or never on a hang-up
      boolean hangUp = call.machine() && "hangup".equals(request.machineDetection());
      schedule(
          detection,
          current,
          () -> {
            if (hangUp) {
              end(call, current, seconds(detection), true);
            } else {
              deliverAnswer(call, current, true);
            }
          });
    } else {
      deliverAnswer(call, current, false);
      if (call.machine()) {
        schedule(detection, current, () -> reportMachine(call, current, detection));
      }
    }
  }

  private void deliverAnswer(CallRecord call, long current, boolean synchronousDetection) {
    MakeCallRequest request = call.request();
    delivery
        .send(
            call,
            "answer",
            request.answerUrl(),
            request.answerMethod(),
            params.answer(call, synchronousDetection),
            1)
        .thenAccept(
            result -> {
              call.answerDelivered(result);
              schedule(
                  behaviour.callDuration(),
                  current,
                  () -> end(call, current, seconds(behaviour.callDuration()), false));
            });
  }

  private void reportMachine(CallRecord call, long current, Duration detection) {
    MakeCallRequest request = call.request();
    delivery
        .send(
            call,
            "machine",
            request.machineDetectionUrl(),
            request.machineDetectionMethod(),
            params.machineDetected(call),
            1)
        .thenAccept(
            result -> {
              call.machineDetectionDelivered(result);
              if ("hangup".equals(request.machineDetection()) && current == generation.get()) {
                end(call, current, seconds(detection), true);
              }
            });
  }

  private void end(CallRecord call, long current, long durationSeconds, boolean machineHangup) {
    Instant endedAt = clock.instant();
    String hangupUrl = call.request().hangupUrl();
    if (!call.end(endedAt, hangupUrl != null)) {
      return; // a machine hang-up ended it already
    }
    if (call.outcome() != CallOutcome.CONCURRENCY_LIMIT) {
      active.ended();
    }
    Map<String, String> hangup = params.hangup(call, endedAt, durationSeconds, machineHangup);
    audit.ended(call, endedAt, hangup);
    if (hangupUrl == null) {
      logFinished(call);
      return;
    }
    deliverHangup(call, hangup, 0, current);
  }

  private void deliverHangup(CallRecord call, Map<String, String> hangup, int retry, long current) {
    delivery
        .send(
            call,
            "hangup",
            call.request().hangupUrl(),
            call.request().hangupMethod(),
            hangup,
            retry + 1)
        .thenAccept(
            result -> {
              boolean retrying =
                  !result.delivered()
                      && retry < policy.hangupRetries()
                      && current == generation.get();
              call.hangupAttempted(result, !retrying);
              if (retrying) {
                schedule(
                    policy.hangupRetryDelay(),
                    current,
                    () -> deliverHangup(call, hangup, retry + 1, current));
              } else {
                logFinished(call);
              }
            });
  }

  private void schedule(Duration delay, long current, Runnable step) {
    try {
      scheduler.schedule(
          () -> {
            if (current == generation.get()) {
              step.run();
            }
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the simulator is closing: the call is abandoned
    }
  }

  /** A duration in whole seconds, rounded up, at least 1. */
  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  private static void logFinished(CallRecord call) {
    SimulatedCall done = call.snapshot();
    log.info(
        "call {} to {} from {}: {} (answer {}, hangup {} after {} attempt(s))",
        done.callUuid(),
        done.to(),
        done.from(),
        done.outcome().wireName(),
        done.answerStatus() == null ? "-" : done.answerStatus(),
        done.hangupStatus() == null ? "-" : done.hangupStatus(),
        done.hangupAttempts());
  }
}
