package com.voicecampaigns.api.webhook;

import com.voicecampaigns.store.webhook.WebhookEndpointDocument;
import java.time.Instant;
import java.util.List;

/**
 * An endpoint as the API answers it; the secret only in the answer to its creation.
 *
 * @param secret the signing secret ({@code whsec_…}); {@code null} except right after creation
 * @param disabledReason why deliveries stopped, when {@code enabled} is false
 * @param failingSince the first failed attempt since the last success, if it is failing
 */
public record WebhookView(
    String id,
    String url,
    List<String> events,
    String description,
    boolean enabled,
    String disabledReason,
    Instant disabledAt,
    Instant failingSince,
    int consecutiveFailures,
    Instant lastSuccessAt,
    Instant createdAt,
    String createdBy,
    String secret) {

  static WebhookView of(WebhookEndpointDocument endpoint) {
    return of(endpoint, null);
  }

  static WebhookView of(WebhookEndpointDocument endpoint, String secret) {
    return new WebhookView(
        endpoint.id(),
        endpoint.url(),
        endpoint.events(),
        endpoint.description(),
        endpoint.enabled(),
        endpoint.disabledReason(),
        endpoint.disabledAt(),
        endpoint.failingSince(),
        endpoint.consecutiveFailures(),
        endpoint.lastSuccessAt(),
        endpoint.createdAt(),
        endpoint.createdBy(),
        secret);
  }
}
