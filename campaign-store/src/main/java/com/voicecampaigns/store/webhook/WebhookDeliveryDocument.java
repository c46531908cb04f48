package com.voicecampaigns.store.webhook;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event for one endpoint: its {@code id} is {@code <eventId>:<endpointId>}, so an event is
 * queued for an endpoint once whoever records it. A delivery is {@link Status#PENDING} until it is
 * delivered, given up ({@code failed}, after the retry period) or cancelled (its endpoint was
 * disabled or deleted). A replica works on it only under a lease ({@code leaseToken} until {@code
 * leaseUntil}), so two replicas do not send it at once.
 *
 * @param body the payload, as the event recorded it
 * @param lastStatusCode the receiver's last answer ({@code null}: no answer, see {@code lastError})
 */
@Document(WebhookFields.DELIVERIES)
public record WebhookDeliveryDocument(
    @Id String id,
    String eventId,
    String endpointId,
    String clientId,
    String campaignId,
    String type,
    String body,
    Instant occurredAt,
    Instant createdAt,
    Status status,
    int attempts,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Instant deliveredAt,
    String leaseToken,
    Instant leaseUntil) {

  /** Where a delivery is. */
  public enum Status {
    PENDING,
    DELIVERED,
    FAILED,
    CANCELLED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static String idOf(String eventId, String endpointId) {
    return eventId + ":" + endpointId;
  }
}
