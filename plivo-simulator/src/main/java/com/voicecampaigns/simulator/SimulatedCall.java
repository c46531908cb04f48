package com.voicecampaigns.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one Make-Call request as the simulator saw and handled it.
 *
 * <p>A request that placed calls yields one entry per destination number, each with its own {@code
 * requestUuid} and {@code callUuid}; that includes faults that place the call and answer otherwise
 * ({@code 504-after-placing}, {@code timeout-after-placing}…). A request that placed none (401,
 * 400, 429, a fault without placing) yields one entry with {@code requestUuid}, {@code callUuid}
 * and {@code outcome} null and {@code to} as sent.
 *
 * @param sequence 1-based order of receipt among all recorded entries
 * @param requestUuid the {@code request_uuid} of the placed call, null when none was placed
 * @param callUuid the {@code CallUUID} reported in callbacks, null when none was placed
 * @param authId the auth id in the request path
 * @param from the caller id
 * @param to the destination number (or, when nothing was placed, the {@code to} field as sent)
 * @param answerUrl the {@code answer_url}
 * @param answerMethod the {@code answer_method}, POST by default
 * @param hangupUrl the {@code hangup_url}, may be null
 * @param hangupMethod the {@code hangup_method}, POST by default
 * @param ringUrl the {@code ring_url}, may be null
 * @param params every field of the request body as text (lists joined with '<')
 * @param receivedAt when the request arrived, by the configured clock
 * @param receivedNanos {@link System#nanoTime()} when the request arrived
 * @param responseStatus the HTTP status answered; -1 when the connection was closed instead
 * @param fault the wire name of the fault applied ({@code 504-after-placing}, {@code
 *     api-rate-limit}…), null when none
 * @param respondedAt when the answer was written (or the connection closed), null until then
 * @param placed true when a call was placed: it exists, whatever the answer said
 * @param placedAt when the call was placed, null when none was
 * @param placedNanos {@link System#nanoTime()} when the call was placed, for rate measurements
 * @param outcome the simulated outcome, null when none was placed
 * @param machine true when an answering machine picked up, false for a human, null when the request
 *     asked for no machine detection
 * @param callStatus the last Plivo {@code CallStatus}: queued, ringing, in-progress, completed,
 *     busy, no-answer or failed; null when none was placed
 * @param ringStatus the HTTP status of the ring callback (-1 when it could not be delivered)
 * @param answerStatus the HTTP status of the answer callback (-1 when it could not be delivered)
 * @param answerXml the body the answer URL returned
 * @param answeredAt when the answer callback was sent
 * @param machineStatus the HTTP status of the machine-detection callback (-1: undelivered)
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
    String fault,
    Instant respondedAt,
    boolean placed,
    Instant placedAt,
    long placedNanos,
    CallOutcome outcome,
    Boolean machine,
    String callStatus,
    Integer ringStatus,
    Integer answerStatus,
    String answerXml,
    Instant answeredAt,
    Integer machineStatus,
    Integer hangupStatus,
    boolean hangupDelivered,
    int hangupAttempts,
    Instant endedAt,
    boolean finished,
    String lastError) {

  public SimulatedCall {
    params = Map.copyOf(params);
  }

  /** True when the simulator answered 201: the call was placed and the client was told so. */
  public boolean accepted() {
    return responseStatus == 201;
  }
}
