package com.voicecampaigns.dispatcher.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.DispatcherApplication;
import com.voicecampaigns.dispatcher.support.CampaignDocuments;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Drains N campaigns that are all due (default 10,000; {@code -Dbenchmark.campaigns=N}) with the
 * dispatcher against the Pub/Sub emulator and MongoDB, ticking once a minute as Cloud Scheduler
 * does, and sets the figures beside what the seed's algorithm gives on the same input (simulated on
 * a virtual clock: a tick a minute, 5 campaigns per tick, starting takes no time, first tick at the
 * same instant as the dispatcher's). {@code -Dbenchmark.replicas=R} runs R dispatchers (default 1).
 * Figures go to the console and to {@code target/benchmark/dispatcher-benchmark.txt}.
 */
@Tag("benchmark")
class DispatcherBenchmarkTests {

  private static final Duration TICK_INTERVAL = Duration.ofMinutes(1);
  private static final int SEED_PER_TICK = 5;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String tickTopic = "tick-" + run;
  private final String startTopic = "campaign-start-" + run;
  private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

  @AfterEach
  void stopReplicas() {
    replicas.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void drainsABacklogOfDueCampaignsAndSetsItBesideTheSeed() throws IOException {
    int n = Integer.getInteger("benchmark.campaigns", 10_000);
    int replicaCount = Integer.getInteger("benchmark.replicas", 1);
    String database = MongoBackend.freshDatabaseName(DispatcherBenchmarkTests.class);
    Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties(database));
    properties.put("TICK_TOPIC", tickTopic);
    properties.put("CAMPAIGN_SCHEDULED_TOPIC", "campaign-scheduled-" + run);
    properties.put("CAMPAIGN_START_TOPIC", startTopic);
    // nobody takes the starts here: keep recovery out of the measurement
    properties.put("dispatcher.start-timeout", "1h");
    String[] arguments =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    for (int i = 0; i < replicaCount; i++) {
      replicas.add(
          new SpringApplicationBuilder(DispatcherApplication.class)
              .web(WebApplicationType.NONE)
              .run(arguments));
    }
    CampaignDocuments campaigns =
        new CampaignDocuments(replicas.get(0).getBean(MongoTemplate.class));

    try (PubSubTopicProbe starts = PubSubTopicProbe.watch(startTopic)) {
      Instant scheduledTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      Instant insertBegan = Instant.now();
      List<String> ids = new ArrayList<>();
      for (int from = 0; from < n; from += 1_000) {
        int size = Math.min(1_000, n - from);
        ids.addAll(campaigns.scheduled(Collections.nCopies(size, scheduledTime)));
      }
      Duration insertTook = Duration.between(insertBegan, Instant.now());

      Instant firstTick = Instant.now();
      PubSubTopicProbe.publish(tickTopic, "{}");
      AtomicReference<Instant> lastTick = new AtomicReference<>(firstTick);
      AtomicInteger ticks = new AtomicInteger(1);
      await()
          .atMost(Duration.ofMinutes(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (Duration.between(lastTick.get(), Instant.now()).compareTo(TICK_INTERVAL) >= 0) {
                  lastTick.set(Instant.now());
                  ticks.incrementAndGet();
                  PubSubTopicProbe.publish(tickTopic, "{}");
                }
                return campaigns.countWithStatus(CampaignStatus.RUNNING) == n;
              });
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> starts.received().size() >= n);
      Instant allReceived = Instant.now();

      Map<String, Document> byId =
          campaigns.all().stream()
              .collect(
                  Collectors.toMap(
                      d -> d.getObjectId(CampaignFields.ID).toHexString(), Function.identity()));
      List<Instant> scheduled = new ArrayList<>();
      List<Instant> started = new ArrayList<>();
      for (String id : ids) {
        scheduled.add(byId.get(id).getDate(CampaignFields.SCHEDULED_TIME).toInstant());
        started.add(byId.get(id).getDate(CampaignFields.STARTED_AT).toInstant());
      }
      assertThat(starts.received()).hasSize(n);
      Instant lastStart = Collections.max(started);
      Duration drain = Duration.between(firstTick, lastStart);
      LagFigures ours = LagFigures.of(scheduled, started);

      List<Instant> seedStarted =
          SeedDispatchSimulation.startTimes(scheduled, firstTick, TICK_INTERVAL, SEED_PER_TICK);
      Duration seedDrain = Duration.between(firstTick, Collections.max(seedStarted));
      LagFigures seed = LagFigures.of(scheduled, seedStarted);

      String report =
          String.join(
              "\n",
              "campaign-dispatcher benchmark, " + Instant.now(),
              "input: %d campaigns, all scheduled at %s (due), inserted in %d ms; replicas: %d"
                  .formatted(n, scheduledTime, insertTook.toMillis(), replicaCount),
              "backends: " + TestInfrastructure.mongo().description(),
              "          " + TestInfrastructure.pubsub().description(),
              "settings: batch-size %s, start-concurrency %s, publisher threads %s, tick every %s"
                  .formatted(
                      replicas.get(0).getEnvironment().getProperty("dispatcher.batch-size"),
                      replicas.get(0).getEnvironment().getProperty("dispatcher.start-concurrency"),
                      replicas
                          .get(0)
                          .getEnvironment()
                          .getProperty("spring.cloud.gcp.pubsub.publisher.executor-threads"),
                      TICK_INTERVAL),
              "",
              "                         dispatcher          seed (simulated)",
              row("time to drain", LagFigures.human(drain), LagFigures.human(seedDrain)),
              row(
                  "claims per second",
                  "%.0f".formatted(n / seconds(drain)),
                  "%.3f".formatted(n / Math.max(seconds(seedDrain), 60.0))),
              row(
                  "start lag p50",
                  LagFigures.human(ours.percentile(50)),
                  LagFigures.human(seed.percentile(50))),
              row(
                  "start lag p99",
                  LagFigures.human(ours.percentile(99)),
                  LagFigures.human(seed.percentile(99))),
              row("start lag max", LagFigures.human(ours.max()), LagFigures.human(seed.max())),
              row(
                  "claim batches",
                  claimBatches(replicas),
                  "%d of %d, sequential"
                      .formatted((n + SEED_PER_TICK - 1) / SEED_PER_TICK, SEED_PER_TICK)),
              row(
                  "ticks used",
                  String.valueOf(ticks.get()),
                  String.valueOf((n + 4) / SEED_PER_TICK)),
              "",
              "time to drain: first tick published -> last startedAt. start lag: startedAt -"
                  + " scheduledTime (includes the insert and the first tick's delivery).",
              "all %d CampaignStart events received by a subscriber %d ms after the first tick."
                  .formatted(n, Duration.between(firstTick, allReceived).toMillis()),
              "seed: virtual clock, first tick at the dispatcher's first tick, then every 60 s, 5"
                  + " campaigns per tick in insertion order, zero time per start (its best case).",
              "");
      System.out.println(report);
      Path out = Path.of("target", "benchmark", "dispatcher-benchmark.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
    }
  }

  private static String claimBatches(List<ConfigurableApplicationContext> replicas) {
    long count = 0;
    double totalMs = 0;
    double maxMs = 0;
    for (ConfigurableApplicationContext replica : replicas) {
      Timer timer = replica.getBean(MeterRegistry.class).find("dispatcher.claim.batch").timer();
      count += timer.count();
      totalMs += timer.totalTime(TimeUnit.MILLISECONDS);
      maxMs = Math.max(maxMs, timer.max(TimeUnit.MILLISECONDS));
    }
    return "%d, mean %.0f ms, max %.0f ms".formatted(count, totalMs / Math.max(1, count), maxMs);
  }

  private static String row(String label, String ours, String seed) {
    return "%-24s %-19s %s".formatted(label, ours, seed);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
