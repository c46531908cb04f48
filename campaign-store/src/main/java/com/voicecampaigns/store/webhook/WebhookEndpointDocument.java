package com.voicecampaigns.store.webhook;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A tenant's webhook endpoint. Field names are {@link WebhookFields}'.
 *
 * @param id {@code ep_…}, random
 * @param events the event types it receives
 * @param secret the Standard Webhooks signing secret ({@code whsec_} + base64); shown once, when
 *     the endpoint is created
 * @param enabled false once it was disabled, with {@code disabledReason} and {@code disabledAt}
 * @param failingSince the first failed attempt since its last success ({@code null}: healthy)
 * @param consecutiveFailures failed attempts since its last success
 */
@Document(WebhookFields.ENDPOINTS)
public record WebhookEndpointDocument(
    @Id String id,
    String clientId,
    String url,
    List<String> events,
    String description,
    String secret,
    String createdBy,
    Instant createdAt,
    boolean enabled,
    String disabledReason,
    Instant disabledAt,
    Instant failingSince,
    int consecutiveFailures,
    Instant lastSuccessAt) {

  public boolean wants(String eventType) {
    return enabled && events.contains(eventType);
  }
}
