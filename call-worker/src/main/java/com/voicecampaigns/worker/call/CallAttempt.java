package com.voicecampaigns.worker.call;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import java.time.Instant;
import java.time.ZoneId;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One call attempt: campaign × contact × attempt number, unique. Its {@code id} is the call id in
 * the callback URLs. Field names are {@link CallFields}' (the API reads them).
 *
 * @param contactTimezone the contact's own IANA zone, {@code null} for the campaign's
 * @param plivoRequests how many Make-Call requests were sent for this attempt
 */
@Document(CallFields.COLLECTION)
public record CallAttempt(
    @Id String id,
    String campaignId,
    String clientId,
    String contactId,
    int attempt,
    CallStatus status,
    String to,
    String from,
    String contactTimezone,
    String dispatchId,
    String workerId,
    Instant notBefore,
    Instant createdAt,
    Instant dialedAt,
    Instant answeredAt,
    Instant endedAt,
    String requestUuid,
    String callUuid,
    String hangupCause,
    Integer durationSeconds,
    String error,
    Integer plivoRequests) {

  /** A first attempt, {@code dialing} when claimed to be dialled now, else {@code pending}. */
  public static CallAttempt first(
      String campaignId,
      String clientId,
      String contactId,
      String to,
      String from,
      String contactTimezone,
      CallStatus status,
      Instant notBefore,
      String dispatchId,
      String workerId,
      Instant now) {
    return new CallAttempt(
        new ObjectId().toHexString(),
        campaignId,
        clientId,
        contactId,
        1,
        status,
        to,
        from,
        contactTimezone,
        dispatchId,
        workerId,
        notBefore,
        now,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  /** The next attempt for the same contact, {@code pending} until {@code notBefore}. */
  public CallAttempt retry(Instant notBefore, Instant now) {
    return new CallAttempt(
        new ObjectId().toHexString(),
        campaignId,
        clientId,
        contactId,
        attempt + 1,
        CallStatus.PENDING,
        to,
        from,
        contactTimezone,
        null,
        null,
        notBefore,
        now,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  /** The contact's zone, or {@code null} for the campaign's (also when the stored id is bad). */
  public ZoneId contactZone() {
    return zoneOrNull(contactTimezone);
  }

  public static ZoneId zoneOrNull(String zone) {
    if (zone == null || zone.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
