package com.voicecampaigns.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.support.CampaignDocuments;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Where there is no Cloud Scheduler, the dispatcher ticks itself, through the tick topic. */
@Order(1) // its own contexts: before the shared one (junit-platform.properties)
class LocalTickPublisherTests {

  @Test
  void theLocalTickGoesThroughTheTickTopicAndStartsDueCampaigns() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> properties =
        new HashMap<>(
            TestInfrastructure.properties(
                MongoBackend.freshDatabaseName(LocalTickPublisherTests.class)));
    properties.put("TICK_TOPIC", "tick-" + run);
    properties.put("CAMPAIGN_SCHEDULED_TOPIC", "campaign-scheduled-" + run);
    properties.put("CAMPAIGN_START_TOPIC", "campaign-start-" + run);
    properties.put("dispatcher.local-tick.enabled", "true");
    properties.put("dispatcher.local-tick.interval", "1s");
    String[] arguments =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);

    try (ConfigurableApplicationContext dispatcher =
        new SpringApplicationBuilder(DispatcherApplication.class)
            .web(WebApplicationType.NONE)
            .run(arguments)) {
      CampaignDocuments campaigns = new CampaignDocuments(dispatcher.getBean(MongoTemplate.class));
      String due = campaigns.scheduled(Instant.now().minusSeconds(1));

      await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(campaigns.status(due)));
      assertThat(campaigns.countWithStatus(CampaignStatus.RUNNING)).isEqualTo(1);
      assertThat(dispatcher.getBean(MeterRegistry.class).find("dispatcher.ticks").counter().count())
          .isPositive();
    }
  }
}
