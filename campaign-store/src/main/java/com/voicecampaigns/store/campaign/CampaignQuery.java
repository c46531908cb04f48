package com.voicecampaigns.store.campaign;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import java.util.Set;

/**
 * Which campaigns to list: of a tenant ({@code null}: all), in any of {@code statuses} (empty:
 * all), with {@code scheduledTime} in {@code [from, to)} (either bound may be {@code null}), sorted
 * by {@code scheduledTime} then id.
 */
public record CampaignQuery(
    String clientId, Set<CampaignStatus> statuses, Instant from, Instant to, boolean descending) {

  public CampaignQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }
}
