package com.voicecampaigns.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays an accepted call: the optional ring callback, then (after the ring delay) either the answer
 * callback followed, after the call duration, by the hangup callback, or the hangup callback alone
 * for calls that are not answered.
 */
final class CallLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CallLifecycle.class);
  private static final DateTimeFormatter PLIVO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final SimulatorConfig config;
  private final CallbackSender sender;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final DateTimeFormatter timeFormat;

  /** Bumped to abandon every call in progress: their pending steps then do nothing. */
  private final AtomicLong generation = new AtomicLong();

  CallLifecycle(SimulatorConfig config, CallbackSender sender, ScheduledExecutorService scheduler) {
    this.config = config;
    this.sender = sender;
    this.scheduler = scheduler;
    this.clock = config.clock();
    this.timeFormat = PLIVO_TIME.withZone(clock.getZone());
  }

  void begin(CallRecord call) {
    long current = generation.get();
    CallOutcome outcome = call.outcome();
    Runnable next =
        outcome == CallOutcome.ANSWERED ? () -> answer(call, current) : () -> end(call, current);
    String ringUrl = call.request().ringUrl();
    if (ringUrl == null || outcome == CallOutcome.FAILED) {
      schedule(config.ringDelay(), current, next);
      return;
    }
    // The ring callback is delivered before the ring delay starts, so it always comes first.
    sender
        .send(ringUrl, call.request().ringMethod(), eventParams(call, "ringing", "Ring"))
        .thenAccept(
            result -> {
              call.ringing(result);
              warnIfUndelivered(call, "ring", result);
              schedule(config.ringDelay(), current, next);
            });
  }

  /** Abandons every call in progress (their remaining callbacks are not sent). */
  void abandonAll() {
    generation.incrementAndGet();
  }

  private void answer(CallRecord call, long current) {
    call.answered(clock.instant());
    sender
        .send(
            call.request().answerUrl(),
            call.request().answerMethod(),
            eventParams(call, "in-progress", "StartApp"))
        .thenAccept(
            result -> {
              call.answerDelivered(result);
              warnIfUndelivered(call, "answer", result);
              schedule(config.callDuration(), current, () -> end(call, current));
            });
  }

  private void end(CallRecord call, long current) {
    Instant endedAt = clock.instant();
    String hangupUrl = call.request().hangupUrl();
    call.ended(endedAt, hangupUrl != null);
    if (hangupUrl == null) {
      logFinished(call);
      return;
    }
    deliverHangup(call, hangupParams(call, endedAt), 0, current);
  }

  private void deliverHangup(CallRecord call, Map<String, String> params, int retry, long current) {
    sender
        .send(call.request().hangupUrl(), call.request().hangupMethod(), params)
        .thenAccept(
            result -> {
              boolean retrying =
                  !result.delivered()
                      && retry < config.hangupRetries()
                      && current == generation.get();
              call.hangupAttempted(result, !retrying);
              warnIfUndelivered(call, "hangup", result);
              if (retrying) {
                schedule(
                    config.hangupRetryDelay(),
                    current,
                    () -> deliverHangup(call, params, retry + 1, current));
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

  private Map<String, String> eventParams(CallRecord call, String callStatus, String event) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CallUUID", call.callUuid());
    params.put("RequestUUID", call.requestUuid());
    params.put("From", call.request().from());
    params.put("To", call.to());
    params.put("CallStatus", callStatus);
    params.put("Direction", "outbound");
    params.put("Event", event);
    params.put("CallerName", call.request().callerName());
    params.put("ALegUUID", call.callUuid());
    params.put("ALegRequestUUID", call.requestUuid());
    return params;
  }

  private Map<String, String> hangupParams(CallRecord call, Instant endedAt) {
    CallOutcome outcome = call.outcome();
    Instant answeredAt = call.answeredAt();
    long duration = outcome == CallOutcome.ANSWERED ? durationSeconds() : 0;
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CallUUID", call.callUuid());
    params.put("RequestUUID", call.requestUuid());
    params.put("From", call.request().from());
    params.put("To", call.to());
    params.put("CallStatus", outcome.callStatus());
    params.put("HangupCause", outcome.hangupCause());
    params.put("HangupCauseName", outcome.hangupCauseName());
    params.put("HangupSource", outcome.hangupSource());
    params.put("Duration", Long.toString(duration));
    params.put("BillDuration", Long.toString(billDuration(duration)));
    params.put("StartTime", timeFormat.format(call.receivedAt()));
    params.put("AnswerTime", answeredAt == null ? "" : timeFormat.format(answeredAt));
    params.put("EndTime", timeFormat.format(endedAt));
    params.put("Direction", "outbound");
    params.put("Event", "Hangup");
    return params;
  }

  /** The configured call duration in whole seconds, rounded up, at least 1. */
  private long durationSeconds() {
    long millis = config.callDuration().toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  /** Plivo bills in 60-second increments by default. */
  private static long billDuration(long durationSeconds) {
    return (durationSeconds + 59) / 60 * 60;
  }

  private static void warnIfUndelivered(CallRecord call, String kind, CallbackResult result) {
    if (!result.delivered()) {
      log.warn(
          "{} callback of call {} to {} failed: {}",
          kind,
          call.callUuid(),
          call.to(),
          result.error());
    }
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
