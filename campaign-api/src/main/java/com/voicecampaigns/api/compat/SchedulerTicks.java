package com.voicecampaigns.api.compat;

import com.voicecampaigns.model.event.SchedulerTick;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Publishes a scheduler tick on demand, as Cloud Scheduler does every minute; the dispatcher then
 * starts every due campaign. Topic: binding {@code tick-out-0} ({@code TICK_TOPIC}).
 */
@Component
class SchedulerTicks {

  static final String BINDING = "tick-out-0";
  private static final Logger log = LoggerFactory.getLogger(SchedulerTicks.class);

  private final StreamBridge streamBridge;
  private final Clock clock;

  SchedulerTicks(StreamBridge streamBridge, Clock clock) {
    this.streamBridge = streamBridge;
    this.clock = clock;
  }

  /** Whether the binder accepted the tick. */
  boolean publish(String requestedBy) {
    try {
      boolean sent =
          streamBridge.send(
              BINDING, new SchedulerTick("campaign-api manual trigger", clock.instant()));
      log.info("manual scheduler tick by {}: {}", requestedBy, sent ? "published" : "refused");
      return sent;
    } catch (RuntimeException e) {
      log.warn("manual scheduler tick by {} could not be published: {}", requestedBy, e.toString());
      return false;
    }
  }
}
