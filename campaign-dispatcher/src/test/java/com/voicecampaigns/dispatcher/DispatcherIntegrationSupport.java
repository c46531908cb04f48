package com.voicecampaigns.dispatcher;

import com.voicecampaigns.dispatcher.support.CampaignDocuments;
import com.voicecampaigns.dispatcher.support.FailingPublications;
import com.voicecampaigns.dispatcher.support.ManualTaskScheduler;
import com.voicecampaigns.dispatcher.timer.StartTimers;
import com.voicecampaigns.testsupport.MutableClock;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.integration.config.GlobalChannelInterceptor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One dispatcher against the Pub/Sub emulator and MongoDB, shared by the integration test classes
 * (one cached context): a clock the tests move, timers the tests fire, topics of its own, and a
 * switch that makes the next CampaignStart publications fail.
 */
@SpringBootTest(
    classes = {DispatcherApplication.class, DispatcherIntegrationSupport.TestEdges.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "dispatcher.batch-size=3",
      "dispatcher.start-timeout=30s",
      "dispatcher.look-ahead=2m",
      "dispatcher.publish-retry.initial-backoff=50ms",
      "dispatcher.tick-budget=50s"
    })
public abstract class DispatcherIntegrationSupport {

  protected static final Instant T0 = Instant.parse("2030-03-04T09:00:00Z");

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  protected static final String TICK_TOPIC = "tick-" + RUN;
  protected static final String SCHEDULED_TOPIC = "campaign-scheduled-" + RUN;
  protected static final String START_TOPIC = "campaign-start-" + RUN;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, DispatcherIntegrationSupport.class);
    registry.add("TICK_TOPIC", () -> TICK_TOPIC);
    registry.add("CAMPAIGN_SCHEDULED_TOPIC", () -> SCHEDULED_TOPIC);
    registry.add("CAMPAIGN_START_TOPIC", () -> START_TOPIC);
  }

  @Autowired protected MongoTemplate mongo;
  @Autowired protected MutableClock clock;
  @Autowired protected ManualTaskScheduler timerScheduler;
  @Autowired protected FailingPublications failingPublications;
  @Autowired protected MeterRegistry meters;

  protected CampaignDocuments campaigns;
  protected PubSubTopicProbe starts;

  @BeforeEach
  void freshState() {
    clock.advanceOnEveryRead(java.time.Duration.ZERO);
    clock.set(T0);
    timerScheduler.clear();
    failingPublications.reset();
    campaigns = new CampaignDocuments(mongo);
    campaigns.deleteAll();
    starts = PubSubTopicProbe.watch(START_TOPIC);
  }

  @AfterEach
  void closeProbe() {
    starts.close();
  }

  protected static void tick() {
    PubSubTopicProbe.publish(TICK_TOPIC, "{\"source\":\"test\"}");
  }

  protected static void campaignScheduled(String campaignId, Instant scheduledTime, Instant at) {
    PubSubTopicProbe.publish(
        SCHEDULED_TOPIC,
        "{\"campaignId\":\"%s\",\"scheduledTime\":\"%s\",\"occurredAt\":\"%s\"}"
            .formatted(campaignId, scheduledTime, at));
  }

  protected double count(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class TestEdges {

    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(T0);
    }

    @Bean
    @Primary
    @Qualifier(StartTimers.SCHEDULER)
    ManualTaskScheduler manualTimerScheduler() {
      return new ManualTaskScheduler();
    }

    @Bean
    @GlobalChannelInterceptor(patterns = "campaignStart-out-0")
    FailingPublications failingPublications() {
      return new FailingPublications();
    }
  }
}
