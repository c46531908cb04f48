package com.voicecampaigns.api.campaign;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/campaigns}. Without {@code scheduledTime} the campaign starts at once. */
record CreateCampaignRequest(
    @NotBlank @Size(max = 200) String name,
    @NotBlank String listId,
    @NotBlank String fromNumber,
    @NotBlank String wssUrl,
    String scheduledTime) {}
