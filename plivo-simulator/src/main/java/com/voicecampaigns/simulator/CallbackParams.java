package com.voicecampaigns.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of each callback, named and valued as Plivo sends them. */
final class CallbackParams {

  private final DateTimeFormatter timeFormat;

  CallbackParams(ZoneId zone) {
    this.timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
  }

  /** Ring and answer callbacks ({@code Event} Ring or StartApp). */
  Map<String, String> event(CallRecord call, String callStatus, String event) {
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

  /**
   * The answer callback; with synchronous machine detection (no {@code machine_detection_url})
   * Plivo adds {@code Machine}.
   */
  Map<String, String> answer(CallRecord call, boolean synchronousDetection) {
    Map<String, String> params = event(call, "in-progress", "StartApp");
    if (synchronousDetection) {
      params.put("Machine", Boolean.toString(call.machine()));
    }
    return params;
  }

  /** What Plivo posts to {@code machine_detection_url} once it detects a machine. */
  Map<String, String> machineDetected(CallRecord call) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("From", call.request().from());
    params.put("Machine", "true");
    params.put("To", call.to());
    params.put("RequestUUID", call.requestUuid());
    params.put("ALegRequestUUID", call.requestUuid());
    params.put("CallUUID", call.callUuid());
    params.put("IfMachine", call.request().machineDetection());
    params.put("Direction", "outbound");
    params.put("ALegUUID", call.callUuid());
    params.put("Event", "MachineDetection");
    params.put("CallStatus", "in-progress");
    return params;
  }

  /**
   * The hangup callback. A call hung up on a machine ({@code machine_detection=hangup}) carries
   * {@code Machine=true} and {@code HangupSource} Plivo; Plivo's docs name no hangup cause for it,
   * so the cause stays the normal one with {@code HangupCauseName} "Machine Detected".
   *
   * @param durationSeconds the answered call's length, 0 when not answered
   */
  Map<String, String> hangup(
      CallRecord call, Instant endedAt, long durationSeconds, boolean machineHangup) {
    CallOutcome outcome = call.outcome();
    Instant answeredAt = call.answeredAt();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CallUUID", call.callUuid());
    params.put("RequestUUID", call.requestUuid());
    params.put("From", call.request().from());
    params.put("To", call.to());
    params.put("CallStatus", outcome.callStatus());
    params.put("HangupCause", outcome.hangupCause());
    params.put("HangupCauseName", machineHangup ? "Machine Detected" : outcome.hangupCauseName());
    if (outcome.hangupCauseCode() != null) {
      params.put("HangupCauseCode", outcome.hangupCauseCode().toString());
    }
    params.put("HangupSource", machineHangup ? "Plivo" : outcome.hangupSource());
    params.put("Duration", Long.toString(durationSeconds));
    params.put("BillDuration", Long.toString(billDuration(durationSeconds)));
    params.put("StartTime", timeFormat.format(call.receivedAt()));
    params.put("AnswerTime", answeredAt == null ? "" : timeFormat.format(answeredAt));
    params.put("EndTime", timeFormat.format(endedAt));
    params.put("Direction", "outbound");
    params.put("Event", "Hangup");
    if (call.request().machineDetection() != null && outcome == CallOutcome.ANSWERED) {
      params.put("Machine", Boolean.toString(call.machine()));
    }
    return params;
  }

  /** Plivo bills in 60-second increments by default. */
  private static long billDuration(long durationSeconds) {
    return (durationSeconds + 59) / 60 * 60;
  }
}
