package com.voicecampaigns.store.campaign;

/**
 * A held lease: worker {@code workerId} dials {@code campaignId} for dispatch {@code dispatchId}.
 * Every write made on behalf of the lease is fenced by it (the store filters on the campaign's
 * status, dispatch and worker together), so a paused, cancelled or re-dispatched campaign, or one
 * taken over by another worker, ignores it.
 */
public record Lease(String campaignId, String dispatchId, String workerId) {}
