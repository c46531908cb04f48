package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.event.CampaignStart;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CampaignStartListener {

  @Bean
  Consumer<CampaignStart> campaignStart(CampaignRunner runner) {
    return runner::onStart;
  }
}
