package com.voicecampaigns.api.compat;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The seed's answer shape: {@code {"status":200,"message":"…","campaignId":"…"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SeedResponse(int status, String message, String campaignId, String scheduledTime) {

  static SeedResponse of(int status, String message) {
    return new SeedResponse(status, message, null, null);
  }
}
