package com.voicecampaigns.api.compat;

/** Request bodies of the seed's routes, field names as the product UI sends them. */
final class SeedRequests {

  private SeedRequests() {}

  /**
   * {@code POST /plivo/create-campaign}.
   *
   * @param clientId the tenant; must be the token's unless the caller is an admin
   * @param scheduledBy who scheduled it, as the UI names them; the token's subject when absent.
   *     Recorded as given: the campaign's {@code createdBy} records the token's subject apart.
   * @param endTime optional, not the seed's: no new call after it (as on {@code POST
   *     /api/v1/campaigns}); empty is absent
   * @param machineDetection optional, not the seed's: {@code off}, {@code hangup} or {@code bot};
   *     empty is absent
   */
  record CreateCampaign(
      String campaignName,
      String listId,
      String fromNumber,
      String wssUrl,
      String clientId,
      String scheduledTime,
      String scheduledBy,
      String endTime,
      String machineDetection) {}

  /** {@code POST /plivo/cancel-campaign}, {@code pause-campaign}, {@code resume-campaign}. */
  record CampaignAction(String campaignId) {}
}
