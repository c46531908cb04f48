package com.voicecampaigns.simulator;

import java.time.Instant;

/**
 * When a Make-Call request arrived.
 *
 * @param requestId 1-based order of the request among all Make-Call requests since start
 * @param receivedAt by the configured clock
 * @param receivedNanos {@link System#nanoTime()}, for rate measurements
 */
record Arrival(long requestId, Instant receivedAt, long receivedNanos) {}
