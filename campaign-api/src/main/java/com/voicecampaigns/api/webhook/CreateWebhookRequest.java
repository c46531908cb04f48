package com.voicecampaigns.api.webhook;

import java.util.List;

/**
 * {@code POST /api/v1/webhooks}.
 *
 * @param url where events are POSTed: {@code https://…} (outside the local profile), a public host
 * @param events the event types to receive, at least one (the catalogue is in the README)
 * @param description optional, up to 200 characters
 */
public record CreateWebhookRequest(String url, List<String> events, String description) {}
