package com.voicecampaigns.worker.pacing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Plivo account's limits besides its calls per second ({@code plivo.cps}), each shared by every
 * worker through MongoDB.
 *
 * @param maxConcurrentCalls the most calls the account may have active at once ({@code
 *     PLIVO_MAX_CONCURRENT_CALLS}, 0: none; Plivo's default in India is 50): a call is sent only
 *     with one of this many slots, held from right before its request until the worker learns that
 *     it ended, so Plivo never refuses one with 5030 "Concurrency Limit Breached"
 * @param apiRequests the most API requests the account may send in any {@code apiWindow} ({@code
 *     PLIVO_API_REQUEST_LIMIT}, 300, Plivo's; 0: none)
 * @param apiWindow the window of {@code apiRequests} ({@code PLIVO_API_REQUEST_WINDOW}, 5s)
 */
@Validated
@ConfigurationProperties("plivo.limits")
public record AccountLimits(
    @PositiveOrZero int maxConcurrentCalls,
    @PositiveOrZero int apiRequests,
    @NotNull Duration apiWindow) {}
