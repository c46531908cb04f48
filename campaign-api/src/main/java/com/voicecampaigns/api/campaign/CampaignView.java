package com.voicecampaigns.api.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A campaign as the API answers it; statuses in the seed's lowercase spelling. {@code progress}
 * only on {@code GET /api/v1/campaigns/{id}}. {@code scheduledBy} may come from a seed route's
 * body; {@code createdBy} is always the subject of the token that created the campaign.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CampaignView(
    String id,
    String clientId,
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    String status,
    Instant scheduledTime,
    String scheduledBy,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt,
    String failureReason,
    Campaign.Window callingWindow,
    Campaign.Retry retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond,
    @JsonInclude(JsonInclude.Include.NON_NULL) CampaignProgress.Progress progress) {

  static CampaignView of(Campaign campaign) {
    return of(campaign, null);
  }

  static CampaignView of(Campaign campaign, CampaignProgress.Progress progress) {
    return new CampaignView(
        campaign.id(),
        campaign.clientId(),
        campaign.name(),
        campaign.listId(),
        campaign.fromNumber(),
        campaign.wssUrl(),
        campaign.status().wire(),
        campaign.scheduledTime(),
        campaign.scheduledBy(),
        campaign.createdBy(),
        campaign.createdAt(),
        campaign.updatedAt(),
        campaign.startedAt(),
        campaign.completedAt(),
        campaign.failureReason(),
        campaign.callingWindow(),
        campaign.retryPolicy(),
        campaign.maxConcurrentCalls(),
        campaign.callsPerSecond(),
        progress);
  }
}
