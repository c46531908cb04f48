package com.voicecampaigns.model.event;

import java.time.Instant;

/**
 * Published by the API after a campaign is created, rescheduled or resumed. A hint only: the
 * dispatcher finds due campaigns in MongoDB even when this event is lost.
 */
public record CampaignScheduled(String campaignId, Instant scheduledTime, Instant occurredAt) {}
