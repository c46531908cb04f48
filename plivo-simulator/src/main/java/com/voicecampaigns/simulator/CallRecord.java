package com.voicecampaigns.simulator;

import java.time.Instant;

/** The mutable, internally synchronized state behind a {@link SimulatedCall}. */
final class CallRecord {

  private final long sequence;
  private final Arrival arrival;
  private final MakeCallRequest request;
  private final String to;
  private final int responseStatus;
  private final String fault;
  private final Placement placement;

  private String callStatus;
  private Instant respondedAt;
  private Integer ringStatus;
  private Integer answerStatus;
  private String answerXml;
  private Instant answeredAt;
  private Integer machineStatus;
  private Integer hangupStatus;
  private boolean hangupDelivered;
  private int hangupAttempts;
  private Instant endedAt;
  private String lastError;
  private boolean hangupPending;

  /**
   * @param to the destination number (when not placed: the {@code to} field as sent)
   * @param responseStatus the HTTP status answered, -1 when the connection is closed instead
   * @param fault the wire name of the fault applied, or null
   * @param placement the placed call, or null when none was placed
   */
  CallRecord(
      long sequence,
      Arrival arrival,
      MakeCallRequest request,
      String to,
      int responseStatus,
      String fault,
      Placement placement) {
    this.sequence = sequence;
    this.arrival = arrival;
    this.request = request;
    this.to = to;
    this.responseStatus = responseStatus;
    this.fault = fault;
    this.placement = placement;
    this.callStatus = placement == null ? null : "queued";
  }

  long requestId() {
    return arrival.requestId();
  }

  Placement placement() {
    return placement;
  }

  String requestUuid() {
    return placement == null ? null : placement.requestUuid();
  }

  String callUuid() {
    return placement == null ? null : placement.callUuid();
  }

  CallOutcome outcome() {
    return placement == null ? null : placement.outcome();
  }

  boolean machine() {
    return placement != null && Boolean.TRUE.equals(placement.machine());
  }

  MakeCallRequest request() {
    return request;
  }

  String to() {
    return to;
  }

  Instant receivedAt() {
    return arrival.receivedAt();
  }

  synchronized Instant answeredAt() {
    return answeredAt;
  }

  synchronized void responded(Instant at) {
    respondedAt = at;
  }

  synchronized void ringing(CallbackResult result) {
    if ("queued".equals(callStatus)) {
      callStatus = "ringing";
    }
    ringStatus = result.status();
    noteError(result);
  }

  synchronized void answered(Instant at) {
    callStatus = "in-progress";
    answeredAt = at;
  }

  synchronized void answerDelivered(CallbackResult result) {
    answerStatus = result.status();
    answerXml = result.body();
    noteError(result);
  }

  synchronized void machineDetectionDelivered(CallbackResult result) {
    machineStatus = result.status();
    noteError(result);
  }

  /** Marks the call ended; false when it already was (a machine hang-up came first). */
  synchronized boolean end(Instant at, boolean hangupPending) {
    if (endedAt != null) {
      return false;
    }
    callStatus = placement.outcome().callStatus();
    endedAt = at;
    this.hangupPending = hangupPending;
    return true;
  }

  synchronized void hangupAttempted(CallbackResult result, boolean lastAttempt) {
    hangupAttempts++;
    hangupStatus = result.status();
    hangupDelivered = result.delivered();
    noteError(result);
    if (result.delivered() || lastAttempt) {
      hangupPending = false;
    }
  }

  private void noteError(CallbackResult result) {
    if (result.error() != null) {
      lastError = result.error();
    }
  }

  synchronized SimulatedCall snapshot() {
    return new SimulatedCall(
        sequence,
        requestUuid(),
        callUuid(),
        request.authId(),
        request.from(),
        to,
        request.answerUrl(),
        request.answerMethod(),
        request.hangupUrl(),
        request.hangupMethod(),
        request.ringUrl(),
        request.params(),
        arrival.receivedAt(),
        arrival.receivedNanos(),
        responseStatus,
        fault,
        respondedAt,
        placement != null,
        placement == null ? null : placement.at(),
        placement == null ? 0 : placement.nanos(),
        outcome(),
        placement == null ? null : placement.machine(),
        callStatus,
        ringStatus,
        answerStatus,
        answerXml,
        answeredAt,
        machineStatus,
        hangupStatus,
        hangupDelivered,
        hangupAttempts,
        endedAt,
        endedAt != null && !hangupPending,
        lastError);
  }
}
