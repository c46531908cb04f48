package com.voicecampaigns.dispatcher.claim;

import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.model.event.CampaignStart;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Sends {@link CampaignStart} to the workers; the dispatcher is its only producer. The binding is
 * synchronous (see application.yml), so a {@code true} answer means the broker accepted the event.
 * A failed publication leaves the campaign running without a worker, which recovery heals after
 * {@code dispatcher.start-timeout} with a new dispatch.
 */
@Component
public class CampaignStartPublisher {

  static final String BINDING = "campaignStart-out-0";

  private static final Logger log = LoggerFactory.getLogger(CampaignStartPublisher.class);

  private final StreamBridge streamBridge;
  private final DispatcherMetrics metrics;

  CampaignStartPublisher(StreamBridge streamBridge, DispatcherMetrics metrics) {
    this.streamBridge = streamBridge;
    this.metrics = metrics;
  }

  /** Answers whether the binder accepted the event; a failure is counted and logged. */
  public boolean publish(String campaignId, String dispatchId, Instant occurredAt) {
    String failure;
    try {
      if (streamBridge.send(BINDING, new CampaignStart(campaignId, dispatchId, occurredAt))) {
        return true;
      }
      failure = "the binder refused it";
    } catch (RuntimeException e) {
      failure = e.toString();
    }
    metrics.publishFailed();
    log.warn("CampaignStart not published, recovery will re-issue it: {}", failure);
    return false;
  }
}
