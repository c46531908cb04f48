package com.voicecampaigns.dispatcher.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.DispatcherApplication;
import com.voicecampaigns.dispatcher.support.CampaignDocuments;
import com.voicecampaigns.dispatcher.support.CampaignStartEvents;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.benchmark.BenchmarkEnvironment;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Drains backlogs of campaigns that are all due ({@code -Dbenchmark.campaigns=1000,10000,100000})
 * with 1 and then 2 dispatchers ({@code -Dbenchmark.replicas=1,2}) against the Pub/Sub emulator and
 * MongoDB, ticking once a minute as Cloud Scheduler does. Beside each drain: its floor, measured in
 * the same run with the same client settings ({@link FloorProbe}), and the seed's algorithm on the
 * same input ({@link SeedDispatchSimulation}). Figures go to the console, to {@code
 * target/benchmark/dispatcher-benchmark.txt} and, one row per drain, to {@code
 * dispatcher-benchmark.csv}, with each drain's start-lag percentiles (1 to 100) beside the seed's
 * in {@code dispatcher-lag-percentiles.csv} and the backends in {@code
 * dispatcher-benchmark.properties}. {@code -Dbenchmark.batch-size=N} overrides {@code
 * dispatcher.batch-size}.
 */
@Tag("benchmark")
class DispatcherBenchmarkTests {

  private static final Duration TICK_INTERVAL = Duration.ofMinutes(1);
  private static final int SEED_PER_TICK = 5;

  @Test
  void drainsBacklogsOfDueCampaignsBesideTheirFloorAndTheSeed() throws IOException {
    List<Integer> sizes = integers("benchmark.campaigns", "1000,10000,100000");
    List<Integer> replicaCounts = integers("benchmark.replicas", "1,2");
    int repetitions = Integer.getInteger("benchmark.repetitions", 3);
    List<DrainResult> results = new ArrayList<>();
    String settings = "";
    for (int replicaCount : replicaCounts) {
      try (Dispatchers dispatchers = Dispatchers.start(replicaCount)) {
        settings = dispatchers.settings();
        drain(dispatchers, 2_000); // warm-up: JIT, publisher and connections; not reported
        for (int n : sizes) {
          List<DrainResult> runs = new ArrayList<>();
          for (int i = 0; i < repetitions; i++) {
            runs.add(drain(dispatchers, n));
            System.out.println("[dispatcher-benchmark] " + runs.get(i).csv());
          }
          results.add(median(runs));
        }
      }
    }
    String report = DispatcherBenchmarkReport.text(results, settings);
    System.out.println(report);
    Path out = Path.of("target", "benchmark");
    Files.createDirectories(out);
    Files.writeString(out.resolve("dispatcher-benchmark.txt"), report);
    List<String> rows = new ArrayList<>(List.of(DrainResult.header()));
    results.forEach(r -> rows.add(r.csv()));
    Files.write(out.resolve("dispatcher-benchmark.csv"), rows);
    List<String> lags = new ArrayList<>(List.of(DrainResult.percentileHeader()));
    results.forEach(r -> lags.addAll(r.percentileRows()));
    Files.write(out.resolve("dispatcher-lag-percentiles.csv"), lags);
    new BenchmarkEnvironment(
            TestInfrastructure.mongo().description(),
            TestInfrastructure.pubsub().description(),
            Map.of(
                "campaigns", sizes.toString(),
                "replicas", replicaCounts.toString(),
                "repetitions", Integer.toString(repetitions),
                "settings", settings))
        .write(out.resolve("dispatcher-benchmark.properties"));
  }

  private static DrainResult drain(Dispatchers dispatchers, int n) {
    CampaignDocuments campaigns = new CampaignDocuments(dispatchers.mongo());
    campaigns.deleteAll();
    FloorProbe.Floor floor = FloorProbe.measure(dispatchers.first(), n);
    double publishedBefore = dispatchers.total("dispatcher.start.published");
    long batchesBefore = dispatchers.claimBatchCount();
    double batchMillisBefore = dispatchers.claimBatchMillis();
    try (PubSubTopicProbe starts = PubSubTopicProbe.watch(dispatchers.startTopic())) {
      Instant scheduledTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      List<String> ids = new ArrayList<>();
      for (int from = 0; from < n; from += 1_000) {
        ids.addAll(
            campaigns.scheduled(Collections.nCopies(Math.min(1_000, n - from), scheduledTime)));
      }

      Instant firstTick = Instant.now();
      PubSubTopicProbe.publish(dispatchers.tickTopic(), "{}");
      AtomicReference<Instant> lastTick = new AtomicReference<>(firstTick);
      AtomicInteger ticks = new AtomicInteger(1);
      await()
          .atMost(Duration.ofMinutes(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                if (Duration.between(lastTick.get(), Instant.now()).compareTo(TICK_INTERVAL) >= 0) {
                  lastTick.set(Instant.now());
                  ticks.incrementAndGet();
                  PubSubTopicProbe.publish(dispatchers.tickTopic(), "{}");
                }
                return dispatchers.total("dispatcher.start.published") - publishedBefore >= n;
              });
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> starts.receivedMessages().size() >= n);

      Map<String, Instant> publishedAt = new HashMap<>();
      for (PubSubTopicProbe.Received message : starts.receivedMessages()) {
        String id = CampaignStartEvents.parse(List.of(message.payload())).get(0).campaignId();
        assertThat(publishedAt.put(id, message.publishTime())).as("starts of %s", id).isNull();
      }
      Map<String, Document> byId = new HashMap<>();
      campaigns.all().forEach(d -> byId.put(d.getObjectId(CampaignFields.ID).toHexString(), d));
      List<Instant> scheduled = new ArrayList<>();
      List<Instant> claimed = new ArrayList<>();
      List<Instant> published = new ArrayList<>();
      for (String id : ids) {
        scheduled.add(byId.get(id).getDate(CampaignFields.SCHEDULED_TIME).toInstant());
        claimed.add(byId.get(id).getDate(CampaignFields.STARTED_AT).toInstant());
        published.add(publishedAt.get(id));
      }
      assertThat(publishedAt.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      List<Instant> seedStarted =
          SeedDispatchSimulation.startTimes(scheduled, firstTick, TICK_INTERVAL, SEED_PER_TICK);
      return new DrainResult(
          n,
          dispatchers.count(),
          Duration.between(firstTick, Collections.max(published)),
          Duration.between(firstTick, Collections.min(claimed)),
          LagFigures.of(scheduled, published),
          LagFigures.of(scheduled, claimed),
          floor,
          Duration.between(firstTick, Collections.max(seedStarted)),
          LagFigures.of(scheduled, seedStarted),
          dispatchers.claimBatches(batchesBefore, batchMillisBefore),
          ticks.get());
    }
  }

  /** The run with the median drain time (the machine is shared: one run can be unlucky). */
  private static DrainResult median(List<DrainResult> runs) {
    List<DrainResult> sorted = new ArrayList<>(runs);
    sorted.sort(java.util.Comparator.comparing(DrainResult::drain));
    return sorted.get(sorted.size() / 2);
  }

  private static List<Integer> integers(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::trim)
        .map(Integer::valueOf)
        .toList();
  }

  /** R dispatcher replicas (application contexts) on one database and one set of topics. */
  record Dispatchers(List<ConfigurableApplicationContext> replicas, String run)
      implements AutoCloseable {

    static Dispatchers start(int count) {
      String run = UUID.randomUUID().toString().substring(0, 8);
      Map<String, Object> properties =
          new HashMap<>(
              TestInfrastructure.properties(
                  MongoBackend.freshDatabaseName(DispatcherBenchmarkTests.class)));
      properties.put("TICK_TOPIC", "tick-" + run);
      properties.put("CAMPAIGN_SCHEDULED_TOPIC", "campaign-scheduled-" + run);
      properties.put("CAMPAIGN_START_TOPIC", "campaign-start-" + run);
      // nobody takes the starts here: keep recovery out of the measurement
      properties.put("dispatcher.start-timeout", "1h");
      String batchSize = System.getProperty("benchmark.batch-size");
      if (batchSize != null) {
        properties.put("dispatcher.batch-size", batchSize);
      }
      String[] arguments =
          properties.entrySet().stream()
              .map(e -> "--" + e.getKey() + "=" + e.getValue())
              .toArray(String[]::new);
      List<ConfigurableApplicationContext> replicas = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        replicas.add(
            new SpringApplicationBuilder(DispatcherApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments));
      }
      return new Dispatchers(replicas, run);
    }

    String settings() {
      var env = first().getEnvironment();
      return "dispatcher.batch-size %s, publisher threads %s, batching %s messages or %s bytes"
          .formatted(
              env.getProperty("dispatcher.batch-size"),
              env.getProperty("spring.cloud.gcp.pubsub.publisher.executor-threads"),
              env.getProperty("spring.cloud.gcp.pubsub.publisher.batching.element-count-threshold"),
              env.getProperty("spring.cloud.gcp.pubsub.publisher.batching.request-byte-threshold"));
    }

    ConfigurableApplicationContext first() {
      return replicas.get(0);
    }

    int count() {
      return replicas.size();
    }

    MongoTemplate mongo() {
      return first().getBean(MongoTemplate.class);
    }

    String tickTopic() {
      return "tick-" + run;
    }

    String startTopic() {
      return "campaign-start-" + run;
    }

    double total(String counter) {
      return replicas.stream()
          .flatMap(r -> r.getBean(MeterRegistry.class).find(counter).counters().stream())
          .mapToDouble(Counter::count)
          .sum();
    }

    long claimBatchCount() {
      return replicas.stream().mapToLong(r -> claimBatch(r).count()).sum();
    }

    double claimBatchMillis() {
      return replicas.stream()
          .mapToDouble(r -> claimBatch(r).totalTime(TimeUnit.MILLISECONDS))
          .sum();
    }

    /** Claim statements since a drain began, and their mean duration. */
    String claimBatches(long countBefore, double millisBefore) {
      long count = claimBatchCount() - countBefore;
      return "%d statements, mean %.0f ms"
          .formatted(count, (claimBatchMillis() - millisBefore) / Math.max(1, count));
    }

    private static Timer claimBatch(ConfigurableApplicationContext replica) {
      return replica.getBean(MeterRegistry.class).find("dispatcher.claim.batch").timer();
    }

    @Override
    public void close() {
      replicas.forEach(ConfigurableApplicationContext::close);
    }
  }
}
