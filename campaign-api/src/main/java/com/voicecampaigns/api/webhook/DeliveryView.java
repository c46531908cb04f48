package com.voicecampaigns.api.webhook;

import com.voicecampaigns.store.webhook.WebhookDeliveryDocument;
import java.time.Instant;

/**
 * One line of an endpoint's delivery log.
 *
 * @param status {@code pending}, {@code delivered}, {@code failed} (retried for the whole retry
 *     period) or {@code cancelled} (the endpoint was disabled)
 * @param lastStatusCode the receiver's last answer; {@code null} when there was none ({@code
 *     lastError} says why)
 * @param nextAttemptAt when a pending delivery is tried next
 */
public record DeliveryView(
    String id,
    String eventId,
    String type,
    String campaignId,
    Instant occurredAt,
    String status,
    int attempts,
    Integer lastStatusCode,
    String lastError,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    Instant deliveredAt,
    Instant createdAt) {

  static DeliveryView of(WebhookDeliveryDocument delivery) {
    boolean pending = delivery.status() == WebhookDeliveryDocument.Status.PENDING;
    return new DeliveryView(
        delivery.id(),
        delivery.eventId(),
        delivery.type(),
        delivery.campaignId(),
        delivery.occurredAt(),
        delivery.status().wire(),
        delivery.attempts(),
        delivery.lastStatusCode(),
        delivery.lastError(),
        delivery.lastAttemptAt(),
        pending ? delivery.nextAttemptAt() : null,
        delivery.deliveredAt(),
        delivery.createdAt());
  }
}
