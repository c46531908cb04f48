package com.voicecampaigns.dispatcher.claim;

import java.time.Duration;
import java.time.Instant;

/** A campaign this dispatcher moved to running, with the fencing token it set. */
public record ClaimedCampaign(
    String campaignId, String dispatchId, Instant scheduledTime, Instant claimedAt) {

  /** How late the campaign started: {@code startedAt - scheduledTime}. */
  public Duration lag() {
    return Duration.between(scheduledTime, claimedAt);
  }
}
