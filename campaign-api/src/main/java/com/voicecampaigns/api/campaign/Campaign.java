package com.voicecampaigns.api.campaign;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The API's view of a campaign document. The dispatcher and workers own other fields of the same
 * document, so the API inserts it once and afterwards changes it only by conditional updates of
 * named fields, never by saving the whole record. {@code idempotencyClaim} and {@code requestHash}
 * are {@link IdempotencyKeys}'s; {@code createdBy} is the creating token's subject.
 */
@Document(CampaignFields.COLLECTION)
public record Campaign(
    @Id String id,
    String clientId,
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    CampaignStatus status,
    Instant scheduledTime,
    String scheduledBy,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt,
    String failureReason,
    Window callingWindow,
    Retry retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond,
    String idempotencyClaim,
    String requestHash) {

  /**
   * {@link CampaignFields#CALLING_WINDOW}: IANA zone, local {@code HH:mm} times, day names.
   *
   * @param timezone IANA zone, e.g. {@code Asia/Kolkata}; a contact's own zone wins
   * @param start first minute of the window, {@code HH:mm}, inclusive
   * @param end end of the window, {@code HH:mm}, exclusive
   * @param days {@link java.time.DayOfWeek} names
   */
  public record Window(String timezone, String start, String end, List<String> days) {}

  /**
   * {@link CampaignFields#RETRY_POLICY}.
   *
   * @param maxAttempts attempts per contact including the first, 1–10
   * @param retryOn call outcomes that are retried: busy, no-answer, failed
   * @param backoffSeconds wait between an attempt's end and the next attempt
   */
  public record Retry(int maxAttempts, List<String> retryOn, long backoffSeconds) {}
}
