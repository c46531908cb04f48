package com.voicecampaigns.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.support.CampaignDocuments;
import com.voicecampaigns.dispatcher.support.CampaignStartEvents;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The confirmation comes from the broker, not from handing the event to the binder: the start topic
 * does not exist (and the binder may not create it), so the emulator refuses every publication
 * asynchronously with NOT_FOUND; once the topic exists, the next try is confirmed.
 */
@Order(1) // its own contexts: before the shared one (junit-platform.properties)
class BrokerConfirmationTests {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String tickTopic = "tick-" + run;
  private final String startTopic = "campaign-start-" + run;
  private ConfigurableApplicationContext dispatcher;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @Test
  void aPublicationTheBrokerRefusedIsTriedAgainAndCountsOnlyOnceConfirmed() {
    Map<String, Object> properties =
        new HashMap<>(
            TestInfrastructure.properties(
                MongoBackend.freshDatabaseName(BrokerConfirmationTests.class)));
    properties.put("TICK_TOPIC", tickTopic);
    properties.put("CAMPAIGN_SCHEDULED_TOPIC", "campaign-scheduled-" + run);
    properties.put("CAMPAIGN_START_TOPIC", startTopic);
    properties.put(
        "spring.cloud.stream.gcp.pubsub.bindings.campaignStart-out-0.producer.auto-create-resources",
        "false");
    properties.put("dispatcher.publish-retry.initial-backoff", "3s");
    dispatcher =
        new SpringApplicationBuilder(DispatcherApplication.class)
            .web(WebApplicationType.NONE)
            .run(
                properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    MeterRegistry meters = dispatcher.getBean(MeterRegistry.class);
    CampaignDocuments campaigns = new CampaignDocuments(dispatcher.getBean(MongoTemplate.class));
    String id = campaigns.scheduled(Instant.now().minusSeconds(1));

    PubSubTopicProbe.publish(tickTopic, "{}");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> counter(meters, "dispatcher.start.publish.failures") >= 1);
    assertThat(counter(meters, "dispatcher.start.published")).isZero();
    try (PubSubTopicProbe starts = PubSubTopicProbe.watch(startTopic)) { // creates the topic
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> counter(meters, "dispatcher.start.published") == 1);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> CampaignStartEvents.of(starts.received(), id).size() == 1);
      assertThat(CampaignStartEvents.of(starts.received(), id).get(0).dispatchId())
          .isEqualTo(campaigns.dispatchId(id));
      assertThat(counter(meters, "dispatcher.start.given.back")).isZero();
    }
  }

  private static double counter(MeterRegistry meters, String name) {
    var counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }
}
