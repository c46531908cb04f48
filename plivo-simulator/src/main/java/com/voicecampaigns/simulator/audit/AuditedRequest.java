package com.voicecampaigns.simulator.audit;

import java.time.Instant;
import java.util.List;

/**
 * One Make-Call request in the audit log.
 *
 * @param run which simulator run of the file (1 for the first {@code start} line)
 * @param request its number within the run
 * @param receivedAt when it arrived
 * @param respondedAt when it was answered or its connection closed; null if the log ends first
 * @param from the caller id
 * @param to the destination numbers as sent
 * @param answerUrl the {@code answer_url}
 * @param hangupUrl the {@code hangup_url}, may be null
 * @param fault the fault applied (a wire name such as {@code 504-after-placing}, or {@code
 *     api-rate-limit}), null when none
 * @param status the HTTP status answered, -1 when the connection was closed instead
 * @param delivered whether the answer reached the client; null if the log ends first
 * @param calls the calls placed, whatever the answer said; empty when none was
 */
public record AuditedRequest(
    int run,
    long request,
    Instant receivedAt,
    Instant respondedAt,
    String from,
    List<String> to,
    String answerUrl,
    String hangupUrl,
    String fault,
    int status,
    Boolean delivered,
    List<AuditedCall> calls) {

  public AuditedRequest {
    to = List.copyOf(to);
    calls = List.copyOf(calls);
  }

  public boolean placed() {
    return !calls.isEmpty();
  }
}
