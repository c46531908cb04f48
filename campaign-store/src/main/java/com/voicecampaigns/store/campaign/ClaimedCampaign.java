package com.voicecampaigns.store.campaign;

import java.time.Duration;
import java.time.Instant;

/** A campaign moved to running by a claim, with the fencing token the claim set. */
public record ClaimedCampaign(
    String campaignId, String dispatchId, Instant scheduledTime, Instant claimedAt) {

  /** How late the campaign started: {@code startedAt - scheduledTime}. */
  public Duration lag() {
    return Duration.between(scheduledTime, claimedAt);
  }
}
