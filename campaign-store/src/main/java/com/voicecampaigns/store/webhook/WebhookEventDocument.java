package com.voicecampaigns.store.webhook;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event, recorded once: its {@code id} is derived from the document and the transition it
 * reports (e.g. {@code evt_<callId>_answered}), so recording it again, from another sweep or
 * replica, changes nothing, and the receiver sees the same id on every retry.
 *
 * @param body the JSON payload exactly as it is signed and sent
 */
@Document(WebhookFields.EVENTS)
public record WebhookEventDocument(
    @Id String id,
    String type,
    String clientId,
    String campaignId,
    Instant occurredAt,
    String body,
    Instant createdAt) {}
