package com.voicecampaigns.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.cloud.spring.pubsub.PubSubAdmin;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.pubsub.PubSubBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Against the real emulator: a consumer started while its subscription is missing fails with
 * NOT_FOUND for good (the client does not retry it); once the subscription exists, the restarted
 * binding receives what is published.
 */
class SubscriberRecoveryTests {

  private final String topic = "recovery-" + UUID.randomUUID().toString().substring(0, 8);
  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aSubscriberThatFailedOnAMissingSubscriptionReceivesOnceTheSubscriptionExists() {
    PubSubTopicProbe.publish(topic, "before the subscription"); // makes the topic; nobody gets it
    PubSubBackend pubsub = TestInfrastructure.pubsub();
    app =
        new SpringApplicationBuilder(SinkApplication.class)
            .web(WebApplicationType.NONE)
            .run(
                "--spring.cloud.gcp.pubsub.emulator-host=" + pubsub.emulatorHost(),
                "--spring.cloud.gcp.project-id=" + pubsub.projectId(),
                "--spring.cloud.gcp.core.enabled=true",
                "--spring.cloud.function.definition=sink",
                "--spring.cloud.stream.bindings.sink-in-0.destination=" + topic,
                "--spring.cloud.stream.bindings.sink-in-0.group=recovery",
                "--spring.cloud.stream.gcp.pubsub.bindings.sink-in-0.consumer"
                    + ".auto-create-resources=false");
    MeterRegistry meters = app.getBean(MeterRegistry.class);
    await().atMost(Duration.ofSeconds(20)).until(() -> restarts(meters) >= 1);

    app.getBean(PubSubAdmin.class).createSubscription(topic + ".recovery", topic);
    PubSubTopicProbe.publish(topic, "after");

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(SinkApplication.RECEIVED).contains("after"));
    assertThat(SinkApplication.RECEIVED).doesNotContain("before the subscription");
  }

  @Test
  void theWaitDoublesFromOneSecondUpToAMinute() {
    assertThat(List.of(1, 2, 3, 7, 8, 100).stream().map(SubscriberRecovery::waitAfter))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60));
  }

  private static double restarts(MeterRegistry meters) {
    var counter = meters.find("pubsub.subscribers.restarted").tag("binding", "sink-in-0").counter();
    return counter == null ? 0 : counter.count();
  }

  @SpringBootApplication
  static class SinkApplication {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    Consumer<String> sink() {
      return RECEIVED::add;
    }
  }
}
