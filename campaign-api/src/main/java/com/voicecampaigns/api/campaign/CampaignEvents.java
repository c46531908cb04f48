package com.voicecampaigns.api.campaign;

import com.voicecampaigns.model.event.CampaignScheduled;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link CampaignScheduled} after create, reschedule and resume. The event is a hint that
 * lets the dispatcher act at once; a failed publish is logged and counted ({@code
 * api.campaign.events{outcome=failed}}) but never fails the request, because the dispatcher's tick
 * finds every due campaign in MongoDB anyway.
 */
@Component
class CampaignEvents {

  static final String BINDING = "campaignScheduled-out-0";
  private static final Logger log = LoggerFactory.getLogger(CampaignEvents.class);

  private final StreamBridge streamBridge;
  private final Clock clock;
  private final Counter published;
  private final Counter failed;

  CampaignEvents(StreamBridge streamBridge, Clock clock, MeterRegistry meters) {
    this.streamBridge = streamBridge;
    this.clock = clock;
    this.published =
        Counter.builder("api.campaign.events")
            .tag("outcome", "published")
            .description("CampaignScheduled events published")
            .register(meters);
    this.failed =
        Counter.builder("api.campaign.events")
            .tag("outcome", "failed")
            .description("CampaignScheduled events that could not be published")
            .register(meters);
  }

  void scheduled(String campaignId, Instant scheduledTime) {
    var event = new CampaignScheduled(campaignId, scheduledTime, clock.instant());
    try (var mdc = MDC.putCloseable("campaignId", campaignId)) {
      try {
        if (streamBridge.send(BINDING, event)) {
          published.increment();
          return;
        }
        log.warn("CampaignScheduled was not accepted by the binder; the next tick starts it");
      } catch (RuntimeException e) {
        log.warn(
            "CampaignScheduled could not be published; the next tick starts it: {}", e.toString());
      }
      failed.increment();
    }
  }
}
