package com.voicecampaigns.api.campaign;

import java.time.Instant;

/** A campaign as the API answers it; statuses in the seed's lowercase spelling. */
record CampaignView(
    String id,
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    String status,
    Instant scheduledTime,
    String scheduledBy,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    String failureReason) {

  static CampaignView of(Campaign campaign) {
    return new CampaignView(
        campaign.id(),
        campaign.name(),
        campaign.listId(),
        campaign.fromNumber(),
        campaign.wssUrl(),
        campaign.status().wire(),
        campaign.scheduledTime(),
        campaign.scheduledBy(),
        campaign.createdAt(),
        campaign.startedAt(),
        campaign.completedAt(),
        campaign.failureReason());
  }
}
