package com.voicecampaigns.dispatcher;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize due campaigns claimed per statement; a pass loops over batches until none is due
 *     ({@code MAX_CAMPAIGNS} is an alias), publishing one batch while it claims the next
 * @param tickBudget how long one dispatch pass may keep claiming before it yields; the next tick
 *     continues where it stopped
 * @param startTimeout how long a dispatched campaign may wait for a worker to take its lease before
 *     the dispatcher gives it a new dispatch and a new start event
 * @param lookAhead campaigns due (or released campaigns resuming) within this window get a precise
 *     timer; it should exceed the tick interval, so that every campaign gets its timer in time
 * @param maxTimers upper bound of timers this process keeps armed (each one a few hundred bytes)
 * @param publishRetry what happens when the broker refuses a start event
 * @param localTick the dispatcher's own tick publisher, for machines without Cloud Scheduler
 */
@Validated
@ConfigurationProperties("dispatcher")
public record DispatcherProperties(
    @Min(1) int batchSize,
    @NotNull Duration tickBudget,
    @NotNull Duration startTimeout,
    @NotNull Duration lookAhead,
    @Min(0) int maxTimers,
    @NotNull @Valid PublishRetry publishRetry,
    @NotNull @Valid LocalTick localTick) {

  /**
   * @param maxTries publications of one start event before its claim is given back (the next pass
   *     re-dispatches the campaign)
   * @param initialBackoff pause before the second try; doubled before each further one
   * @param confirmTimeout a publication the broker neither confirmed nor refused within this counts
   *     as refused
   */
  public record PublishRetry(
      @Min(1) int maxTries, @NotNull Duration initialBackoff, @NotNull Duration confirmTimeout) {

    /** The pause before try {@code tryNumber} (2 or more). */
    public Duration backoffBefore(int tryNumber) {
      return initialBackoff.multipliedBy(1L << Math.min(20, Math.max(0, tryNumber - 2)));
    }
  }

  /**
   * @param enabled publish ticks from this process (the local profile turns it on)
   * @param interval time between two ticks
   */
  public record LocalTick(boolean enabled, @NotNull Duration interval) {}
}
