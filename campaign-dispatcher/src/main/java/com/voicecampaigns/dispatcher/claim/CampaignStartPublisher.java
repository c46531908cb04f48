package com.voicecampaigns.dispatcher.claim;

import com.voicecampaigns.model.event.CampaignStart;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/** Sends {@link CampaignStart} to the workers; the dispatcher is its only producer. */
@Component
public class CampaignStartPublisher {

  static final String BINDING = "campaignStart-out-0";

  private final StreamBridge streamBridge;

  CampaignStartPublisher(StreamBridge streamBridge) {
    this.streamBridge = streamBridge;
  }

  /** Answers whether the binder accepted the event. */
  public boolean publish(ClaimedCampaign claimed) {
    return streamBridge.send(
        BINDING,
        new CampaignStart(claimed.campaignId(), claimed.dispatchId(), claimed.claimedAt()));
  }
}
