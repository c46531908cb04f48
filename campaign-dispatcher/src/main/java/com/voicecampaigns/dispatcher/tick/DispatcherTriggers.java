package com.voicecampaigns.dispatcher.tick;

import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import com.voicecampaigns.dispatcher.timer.CampaignWatch;
import com.voicecampaigns.model.event.CampaignScheduled;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The dispatcher's two inputs. A tick's payload is whatever the Cloud Scheduler job sends and is
 * ignored; the tick only says "look now", and is acknowledged as soon as a pass is requested
 * (MongoDB holds the work, so a pass lost with its process is redone by the next tick).
 */
@Configuration(proxyBeanMethods = false)
class DispatcherTriggers {

  @Bean
  Consumer<Message<byte[]>> tick(DispatchPasses passes, DispatcherMetrics metrics) {
    return message -> {
      metrics.tickReceived();
      passes.request();
    };
  }

  @Bean
  Consumer<CampaignScheduled> campaignScheduled(CampaignWatch watch) {
    return event -> watch.look(event.campaignId(), StartTrigger.SCHEDULED);
  }
}
