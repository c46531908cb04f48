package com.voicecampaigns.store.campaign;

import java.time.Instant;

/** A campaign that falls due (or a released one that resumes) at {@code at}. */
public record UpcomingStart(String campaignId, Instant at) {}
