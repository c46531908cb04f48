package com.voicecampaigns.dispatcher;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize due campaigns fetched and claimed per loop iteration of a dispatch pass; a pass
 *     loops over batches until none is due ({@code MAX_CAMPAIGNS} is an alias)
 * @param tickBudget how long one dispatch pass may keep claiming before it yields; the next tick
 *     continues where it stopped
 * @param startTimeout how long a dispatched campaign may wait for a worker to take its lease before
 *     the dispatcher gives it a new dispatch and a new start event
 * @param lookAhead campaigns due (or released campaigns resuming) within this window get a precise
 *     timer; it should exceed the tick interval, so that every campaign gets its timer in time
 * @param startConcurrency start events of one batch published at once (each publication waits for
 *     the broker's acknowledgement)
 * @param maxTimers upper bound of timers this process keeps armed (each one a few hundred bytes)
 * @param localTick the dispatcher's own tick publisher, for machines without Cloud Scheduler
 */
@Validated
@ConfigurationProperties("dispatcher")
public record DispatcherProperties(
    @Min(1) int batchSize,
    @NotNull Duration tickBudget,
    @NotNull Duration startTimeout,
    @NotNull Duration lookAhead,
    @Min(1) int startConcurrency,
    @Min(0) int maxTimers,
    @NotNull @Valid LocalTick localTick) {

  /**
   * @param enabled publish ticks from this process (the local profile turns it on)
   * @param interval time between two ticks
   */
  public record LocalTick(boolean enabled, @NotNull Duration interval) {}
}
