package com.voicecampaigns.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one Make-Call request as the simulator saw and handled it.
 *
 * <p>An accepted request (201) yields one entry per destination number, each with its own {@code
 * requestUuid} and {@code callUuid}. A refused one (401, 400, an injected fault) yields one entry
 * with {@code requestUuid}, {@code callUuid} and {@code outcome} null and {@code to} as sent.
 *
 * @param sequence 1-based order of receipt among all recorded entries
 * @param requestUuid the {@code request_uuid} answered, null when refused
 * @param callUuid the {@code CallUUID} reported in callbacks, null when refused
 * @param authId the auth id in the request path
 * @param from the caller id
 * @param to the destination number (or, when refused, the {@code to} field as sent)
 * @param answerUrl the {@code answer_url}
 * @param answerMethod the {@code answer_method}, POST by default
 * @param hangupUrl the {@code hangup_url}, may be null
 * @param hangupMethod the {@code hangup_method}, POST by default
 * @param ringUrl the {@code ring_url}, may be null
 * @param params every field of the request body as text (lists joined with '<')
 * @param receivedAt when the request arrived, by the configured clock
 * @param receivedNanos {@link System#nanoTime()} when the request arrived, for rate measurements
 * @param responseStatus the HTTP status answered
 * @param outcome the simulated outcome, null when refused
 * @param callStatus the last Plivo {@code CallStatus}: queued, ringing, in-progress, completed,
 *     busy, no-answer or failed; null when refused
 * @param ringStatus the HTTP status of the ring callback (-1 when it could not be delivered)
 * @param answerStatus the HTTP status of the answer callback (-1 when it could not be delivered)
 * @param answerXml the body the answer URL returned
 * @param answeredAt when the answer callback was sent
 * @param hangupStatus the HTTP status of the last hangup callback attempt (-1 when undelivered)
 * @param hangupDelivered true once a hangup callback got a 2xx
 * @param hangupAttempts how many hangup callback attempts were made
 * @param endedAt when the call ended (the hangup callback was first sent)
 * @param finished true once the call ended and no hangup callback attempt is pending
 * @param lastError the last callback delivery error, if any
 */
public record SimulatedCall(
    long sequence,
    String requestUuid,
    String callUuid,
    String authId,
    String from,
    String to,
    String answerUrl,
    String answerMethod,
    String hangupUrl,
    String hangupMethod,
    String ringUrl,
    Map<String, String> params,
    Instant receivedAt,
    long receivedNanos,
    int responseStatus,
    CallOutcome outcome,
    String callStatus,
    Integer ringStatus,
    Integer answerStatus,
    String answerXml,
    Instant answeredAt,
    Integer hangupStatus,
    boolean hangupDelivered,
    int hangupAttempts,
    Instant endedAt,
    boolean finished,
    String lastError) {

  public SimulatedCall {
    params = Map.copyOf(params);
  }

  /** True when the simulator answered 201 and placed this call. */
  public boolean accepted() {
    return responseStatus == 201;
  }
}
