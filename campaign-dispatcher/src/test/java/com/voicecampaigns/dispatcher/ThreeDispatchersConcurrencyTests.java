package com.voicecampaigns.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.support.CampaignDocuments;
import com.voicecampaigns.dispatcher.support.CampaignStartEvents;
import com.voicecampaigns.dispatcher.support.CampaignStartEvents.Received;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Three dispatcher replicas (three application contexts, one consumer group, one database) on the
 * real clock: 1,000 campaigns due at once and 200 due at spread times from 5 s to 25 s later, and
 * one tick delivered three times. The tick is published three times to the tick topic; as the
 * emulator may hand all three copies to one replica, each replica's tick consumer also receives a
 * copy directly, so that all three certainly race, for the due campaigns and with the timers each
 * one arms for the spread campaigns. No later tick comes: the spread campaigns start through
 * timers.
 */
@Order(1) // its own contexts: before the shared one (junit-platform.properties)
class ThreeDispatchersConcurrencyTests {

  private static final int DUE_AT_ONCE = 1_000;
  private static final int SPREAD = 200;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String tickTopic = "tick-" + run;
  private final String startTopic = "campaign-start-" + run;
  private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

  @AfterEach
  void stopReplicas() {
    replicas.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void threeReplicasWithTripledTicksStartEveryCampaignExactlyOnceAndNoneEarly() {
    String database = MongoBackend.freshDatabaseName(ThreeDispatchersConcurrencyTests.class);
    Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties(database));
    properties.put("TICK_TOPIC", tickTopic);
    properties.put("CAMPAIGN_SCHEDULED_TOPIC", "campaign-scheduled-" + run);
    properties.put("CAMPAIGN_START_TOPIC", startTopic);
    // no worker takes these starts: keep recovery out of the picture for the test's duration
    properties.put("dispatcher.start-timeout", "10m");
    for (int i = 0; i < 3; i++) {
      // as arguments: builder properties are defaults, which application.yml would override
      replicas.add(
          new SpringApplicationBuilder(DispatcherApplication.class)
              .web(WebApplicationType.NONE)
              .run(arguments(properties)));
    }
    CampaignDocuments campaigns =
        new CampaignDocuments(replicas.get(0).getBean(MongoTemplate.class));

    try (PubSubTopicProbe starts = PubSubTopicProbe.watch(startTopic)) {
      Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      List<Instant> times = new ArrayList<>();
      IntStream.range(0, DUE_AT_ONCE).forEach(i -> times.add(t0));
      IntStream.range(0, SPREAD).forEach(i -> times.add(t0.plusMillis(5_000 + 100L * i)));
      List<String> ids = campaigns.scheduled(times);

      for (int i = 0; i < 3; i++) {
        PubSubTopicProbe.publish(tickTopic, "{\"job\":\"check-scheduled-campaigns\"}");
      }
      for (ConfigurableApplicationContext replica : replicas) {
        @SuppressWarnings("unchecked")
        Consumer<Message<byte[]>> tick = replica.getBean("tick", Consumer.class);
        tick.accept(MessageBuilder.withPayload(new byte[0]).build());
      }

      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> campaigns.countWithStatus(CampaignStatus.RUNNING) == DUE_AT_ONCE + SPREAD);
      // hold the count: a duplicate start would show up within this window
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(60))
          .until(() -> starts.received().size() == DUE_AT_ONCE + SPREAD);

      Map<String, Document> byId =
          campaigns.all().stream()
              .collect(
                  Collectors.toMap(
                      d -> d.getObjectId(CampaignFields.ID).toHexString(), Function.identity()));
      assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      for (Document campaign : byId.values()) {
        Instant scheduled = campaign.getDate(CampaignFields.SCHEDULED_TIME).toInstant();
        Instant started = campaign.getDate(CampaignFields.STARTED_AT).toInstant();
        assertThat(started).as("startedAt of %s", campaign.get("_id")).isAfterOrEqualTo(scheduled);
        assertThat(campaign.getString(CampaignFields.DISPATCH_ID)).isNotBlank();
        // one claim, never re-dispatched
        assertThat(campaign.getDate(CampaignFields.DISPATCHED_AT).toInstant()).isEqualTo(started);
      }
      List<Received> events = CampaignStartEvents.parse(starts.received());
      Map<String, List<Received>> eventsById =
          events.stream().collect(Collectors.groupingBy(Received::campaignId));
      assertThat(eventsById.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      eventsById.forEach(
          (id, received) -> {
            assertThat(received).as("starts of %s", id).hasSize(1);
            assertThat(received.get(0).dispatchId())
                .isEqualTo(byId.get(id).getString(CampaignFields.DISPATCH_ID));
          });

      List<Double> startedPerReplica =
          replicas.stream().map(r -> total(r, "dispatcher.campaigns.started")).toList();
      assertThat(startedPerReplica.stream().mapToDouble(Double::doubleValue).sum())
          .isEqualTo(DUE_AT_ONCE + SPREAD);
      assertThat(replicas.stream().mapToDouble(r -> total(r, "dispatcher.campaigns.recovered")))
          .containsOnly(0.0);
      List<Double> timerStarts =
          replicas.stream().map(r -> total(r, "dispatcher.campaigns.started", "timer")).toList();
      long spreadLagMaxMs =
          ids.subList(DUE_AT_ONCE, ids.size()).stream()
              .map(byId::get)
              .mapToLong(
                  d ->
                      d.getDate(CampaignFields.STARTED_AT).getTime()
                          - d.getDate(CampaignFields.SCHEDULED_TIME).getTime())
              .max()
              .orElseThrow();
      System.out.printf(
          "[concurrency] started per replica %s, by timers %s; spread campaigns' max start lag %d"
              + " ms%n",
          startedPerReplica, timerStarts, spreadLagMaxMs);
    }
  }

  private static String[] arguments(Map<String, Object> properties) {
    return properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  private static double total(ConfigurableApplicationContext replica, String name, String... tag) {
    MeterRegistry registry = replica.getBean(MeterRegistry.class);
    var search = registry.find(name);
    if (tag.length == 1) {
      search = search.tag("trigger", tag[0]);
    }
    return search.counters().stream().mapToDouble(Counter::count).sum();
  }
}
