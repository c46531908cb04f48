package com.voicecampaigns.api.campaign;

import com.voicecampaigns.store.campaign.NewCampaign.CampaignSettings;
import java.time.Instant;

/** A validated create request; {@code scheduledTime} null means start at once. */
record CampaignDraft(CampaignSettings settings, Instant scheduledTime) {}
