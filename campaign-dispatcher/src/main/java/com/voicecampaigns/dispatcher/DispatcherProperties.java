package com.voicecampaigns.dispatcher;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchSize campaigns claimed per batch within one tick ({@code MAX_CAMPAIGNS} is an alias)
 * @param tickBudget how long one tick may keep claiming before it yields to the next
 * @param localTick the dispatcher's own tick publisher, for machines without Cloud Scheduler
 */
@Validated
@ConfigurationProperties("dispatcher")
public record DispatcherProperties(
    @Min(1) int batchSize, @NotNull Duration tickBudget, @NotNull LocalTick localTick) {

  /**
   * @param enabled publish ticks from this process (the local profile turns it on)
   * @param interval time between two ticks
   */
  public record LocalTick(boolean enabled, @NotNull Duration interval) {}
}
