package com.voicecampaigns.simulator;

import java.time.Instant;

/** The mutable, internally synchronized state behind a {@link SimulatedCall}. */
final class CallRecord {

  private final long sequence;
  private final String requestUuid;
  private final String callUuid;
  private final MakeCallRequest request;
  private final String to;
  private final Instant receivedAt;
  private final long receivedNanos;
  private final int responseStatus;
  private final CallOutcome outcome;

  private String callStatus;
  private Integer ringStatus;
  private Integer answerStatus;
  private String answerXml;
  private Instant answeredAt;
  private Integer hangupStatus;
  private boolean hangupDelivered;
  private int hangupAttempts;
  private Instant endedAt;
  private String lastError;
  private boolean hangupPending;

  CallRecord(
      long sequence,
      String requestUuid,
      String callUuid,
      MakeCallRequest request,
      String to,
      Instant receivedAt,
      long receivedNanos,
      int responseStatus,
      CallOutcome outcome) {
    this.sequence = sequence;
    this.requestUuid = requestUuid;
    this.callUuid = callUuid;
    this.request = request;
    this.to = to;
    this.receivedAt = receivedAt;
    this.receivedNanos = receivedNanos;
    this.responseStatus = responseStatus;
    this.outcome = outcome;
    this.callStatus = outcome == null ? null : "queued";
  }

  String requestUuid() {
    return requestUuid;
  }

  String callUuid() {
    return callUuid;
  }

  MakeCallRequest request() {
    return request;
  }

  String to() {
    return to;
  }

  Instant receivedAt() {
    return receivedAt;
  }

  long receivedNanos() {
    return receivedNanos;
  }

  boolean accepted() {
    return responseStatus == 201;
  }

  CallOutcome outcome() {
    return outcome;
  }

  synchronized Instant answeredAt() {
    return answeredAt;
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

  synchronized void ended(Instant at, boolean hangupPending) {
    callStatus = outcome.callStatus();
    endedAt = at;
    this.hangupPending = hangupPending;
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
        requestUuid,
        callUuid,
        request.authId(),
        request.from(),
        to,
        request.answerUrl(),
        request.answerMethod(),
        request.hangupUrl(),
        request.hangupMethod(),
        request.ringUrl(),
        request.params(),
        receivedAt,
        receivedNanos,
        responseStatus,
        outcome,
        callStatus,
        ringStatus,
        answerStatus,
        answerXml,
        answeredAt,
        hangupStatus,
        hangupDelivered,
        hangupAttempts,
        endedAt,
        endedAt != null && !hangupPending,
        lastError);
  }
}
