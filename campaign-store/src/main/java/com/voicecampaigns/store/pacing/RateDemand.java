package com.voicecampaigns.store.pacing;

import java.time.Instant;

/**
 * What one running campaign asks of its account's calls per second, as the worker dialling it
 * publishes it ({@link RateDemands}).
 *
 * @param campaignId the campaign (one demand per campaign: its current worker's)
 * @param account the account whose rate it shares
 * @param workerId the worker dialling it
 * @param weight its weight in the split (its tenant's; 1 by default)
 * @param callsPerSecond the rate it could use now: 0 when it has nothing to dial, its own limit, or
 *     what its concurrency lets it reach
 * @param expiresAt after this (the server's clock) the demand no longer counts: its worker stopped
 *     publishing it
 */
public record RateDemand(
    String campaignId,
    String account,
    String workerId,
    double weight,
    double callsPerSecond,
    Instant expiresAt) {}
