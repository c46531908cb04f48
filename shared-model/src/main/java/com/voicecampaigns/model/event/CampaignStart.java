package com.voicecampaigns.model.event;

import java.time.Instant;

/**
 * Published by the dispatcher, and only by it, after it claimed a campaign. {@code dispatchId} is
 * the fencing token: a worker may take the campaign's lease only with the current one.
 */
public record CampaignStart(String campaignId, String dispatchId, Instant occurredAt) {}
