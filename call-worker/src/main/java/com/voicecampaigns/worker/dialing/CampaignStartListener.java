package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.event.CampaignStart;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CampaignStartListener {

  /**
   * The {@code campaign-start} consumer (group {@code call-worker}). Acknowledged once handled,
   * also when the event is stale or the campaign taken by another worker; a worker at capacity
   * throws, and the message goes back for redelivery.
   */
  @Bean
  Consumer<CampaignStart> campaignStart(CampaignSessions sessions) {
    return sessions::start;
  }
}
