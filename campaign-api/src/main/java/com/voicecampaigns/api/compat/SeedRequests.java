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
   */
  record CreateCampaign(
      String campaignName,
      String listId,
      String fromNumber,
      String wssUrl,
      String clientId,
      String scheduledTime,
      String scheduledBy) {}

  /** {@code POST /plivo/cancel-campaign}, {@code pause-campaign}, {@code resume-campaign}. */
  record CampaignAction(String campaignId) {}
}
