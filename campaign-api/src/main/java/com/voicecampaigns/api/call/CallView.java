package com.voicecampaigns.api.call;

import com.voicecampaigns.store.call.CallAttemptDocument;
import java.time.Instant;

/** One call attempt, as a worker recorded it. */
record CallView(
    String callId,
    String campaignId,
    String contactId,
    int attempt,
    String status,
    String to,
    String from,
    String hangupCause,
    Long durationSeconds,
    String error,
    Instant createdAt,
    Instant dialedAt,
    Instant answeredAt,
    Instant endedAt) {

  static CallView of(CallAttemptDocument call) {
    return new CallView(
        call.id(),
        call.campaignId(),
        call.contactId(),
        call.attempt(),
        call.status() == null ? null : call.status().wire(),
        call.to(),
        call.from(),
        call.hangupCause(),
        call.durationSeconds() == null ? null : call.durationSeconds().longValue(),
        call.error(),
        call.createdAt(),
        call.dialedAt(),
        call.answeredAt(),
        call.endedAt());
  }
}
