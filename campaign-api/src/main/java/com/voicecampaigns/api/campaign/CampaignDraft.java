package com.voicecampaigns.api.campaign;

import java.time.Instant;

/** A validated create request; {@code scheduledTime} null means start at once. */
record CampaignDraft(
    String clientId,
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    Instant scheduledTime,
    Campaign.Window callingWindow,
    Campaign.Retry retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond) {}
