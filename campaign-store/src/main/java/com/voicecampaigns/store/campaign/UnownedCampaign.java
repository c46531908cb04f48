package com.voicecampaigns.store.campaign;

/** A running campaign nobody holds, with the dispatch that a recovery replaces. */
public record UnownedCampaign(String campaignId, String dispatchId) {}
