package com.voicecampaigns.store.idempotency;

import java.time.Duration;

/**
 * How long idempotency keys are kept: declared as a bean by the service that owns them (the API),
 * which alone creates their TTL index, with its retention. A second service creating the same index
 * with another retention would fail to start (MongoDB refuses conflicting index options).
 */
public record IdempotencyKeyRetention(Duration duration) {}
