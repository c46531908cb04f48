package com.voicecampaigns.dispatcher.tick;

import com.voicecampaigns.dispatcher.claim.DueCampaignDispatcher;
import com.voicecampaigns.model.event.CampaignScheduled;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The dispatcher's two inputs. A tick's payload is whatever the Cloud Scheduler job sends and is
 * ignored; the tick only says "look now".
 */
@Configuration(proxyBeanMethods = false)
class DispatcherTriggers {

  @Bean
  Consumer<Message<byte[]>> tick(DueCampaignDispatcher dispatcher) {
    return message -> dispatcher.dispatchDue();
  }

  @Bean
  Consumer<CampaignScheduled> campaignScheduled(DueCampaignDispatcher dispatcher) {
    return event -> dispatcher.dispatchDue();
  }
}
