package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatedCall;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.benchmark.BenchmarkEnvironment;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.SimulatorRecords;
import com.voicecampaigns.worker.WorkerInstance;
import com.voicecampaigns.worker.plivo.MakeCallRequest;
import com.voicecampaigns.worker.plivo.PlivoCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The worker's figures against the Plivo simulator, written to {@code
 * target/benchmarks/call-worker.txt} and as CSV beside it ({@link WorkerBenchmarkCsv}); {@code
 * -Dbenchmark.cps=2,10,50 -Dbenchmark.latencies=50,300,1000 -Dbenchmark.workers=1,4
 * -Dbenchmark.heap-contacts=1000000} (the defaults) choose the cells. Run with {@code ./mvnw -B -pl
 * call-worker -am verify -Pbenchmarks}.
 */
@Tag("benchmark")
class WorkerBenchmarkTests {

  static final Path REPORT = Path.of("target", "benchmarks", "call-worker.txt");
  static PlivoSimulator plivo;
  static final List<Integer> CPS = integers("benchmark.cps", "2,10,50");
  static final List<Integer> LATENCIES = integers("benchmark.latencies", "50,300,1000");
  static final List<Integer> WORKERS = integers("benchmark.workers", "1,4");
  static final int HEAP_CONTACTS = Integer.getInteger("benchmark.heap-contacts", 1_000_000);

  private static List<Integer> integers(String property, String defaults) {
    return java.util.Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::trim)
        .map(Integer::valueOf)
        .toList();
  }

  @BeforeAll
  static void start() throws IOException {
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(20))
                .withCallDuration(Duration.ofMillis(50))
                .withServerThreads(32));
    Files.createDirectories(REPORT.getParent());
    report(
        "call-worker benchmark, "
            + Instant.now()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, MongoDB: "
            + TestInfrastructure.mongo().description());
  }

  @AfterAll
  static void stop() {
    plivo.close();
    new BenchmarkEnvironment(
            TestInfrastructure.mongo().description(),
            TestInfrastructure.pubsub().description(),
            Map.of(
                "cps", CPS.toString(),
                "latencies_ms", LATENCIES.toString(),
                "workers", WORKERS.toString(),
                "heap_contacts", Integer.toString(HEAP_CONTACTS)))
        .write(WorkerBenchmarkCsv.DIRECTORY.resolve("call-worker.properties"));
  }

  @Test
  void callsPlacedPerSecondByOneWorkerWithoutALimit() {
    int contacts = 2000;
    // no account limit at all: neither calls per second nor Plivo's 300 API requests per 5 s
    try (WorkerInstance worker =
        worker("bench-unlimited", Map.of("plivo.cps", "0", "plivo.limits.api-requests", "0"))) {
      Fixtures fixtures = new Fixtures(worker.mongo());
      List<String> phones = Fixtures.numbers(contacts);
      String dispatchId = Fixtures.dispatchId();
      String campaignId =
          fixtures.runningCampaign(fixtures.list(phones), dispatchId, new Document());
      plivo.clearCalls();
      long started = System.nanoTime();
      worker.start(campaignId, dispatchId);
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> "completed".equals(fixtures.status(campaignId)));
      double wallSeconds = (System.nanoTime() - started) / 1e9;
      List<SimulatedCall> calls = accepted();
      assertThat(calls).hasSize(contacts);
      double dialSeconds = span(calls);
      double floor = plivoClientAlone(worker, contacts, FLOOR_IN_FLIGHT);
      WorkerBenchmarkCsv.start(
          WorkerBenchmarkCsv.UNLIMITED,
          "workers,contacts,calls_per_s,dial_s,wall_s,floor_calls_per_s,floor_in_flight");
      WorkerBenchmarkCsv.row(
          WorkerBenchmarkCsv.UNLIMITED,
          1,
          contacts,
          (contacts - 1) / dialSeconds,
          dialSeconds,
          wallSeconds,
          floor,
          FLOOR_IN_FLIGHT);
      report(
          String.format(
              "unlimited: 1 worker, %d contacts, 1 campaign: %.1f calls placed/s (first to last"
                  + " Make-Call request %.1f s; start to completed %.1f s, %.1f contacts/s);"
                  + " floor, the worker's Plivo client alone with %d requests in flight: %.1f/s",
              contacts,
              (contacts - 1) / dialSeconds,
              dialSeconds,
              wallSeconds,
              contacts / wallSeconds,
              FLOOR_IN_FLIGHT,
              floor));
    }
  }

  /** The worker's default {@code worker.pacing.max-requests-in-flight}. */
  static final int FLOOR_IN_FLIGHT = 64;

  /**
   * The floor of unpaced dialling: the same worker's {@link PlivoCalls} (plivo-java, its connection
   * pool and interceptors) placing {@code count} calls from {@code inFlight} threads, with no
   * MongoDB, session or pacing in between; calls per second from the first to the last request the
   * simulator received.
   */
  private static double plivoClientAlone(WorkerInstance worker, int count, int inFlight) {
    PlivoCalls client = worker.bean(PlivoCalls.class);
    plivo.clearCalls();
    AtomicInteger next = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<?>> placing = new ArrayList<>();
      for (int t = 0; t < inFlight; t++) {
        placing.add(
            threads.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    client.place(
                        new MakeCallRequest(
                            new ObjectId().toHexString(),
                            "floor",
                            "+14155550000",
                            String.format("+1415556%04d", i),
                            null));
                  }
                }));
      }
      for (Future<?> thread : placing) {
        thread.get(5, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      throw new IllegalStateException("the floor's calls failed", e);
    } finally {
      threads.shutdownNow();
    }
    List<SimulatedCall> calls = accepted();
    assertThat(calls).hasSize(count);
    return (count - 1) / span(calls);
  }

  /**
   * Achieved ÷ configured rate and the worst one-second window for each account limit × API latency
   * × worker count; each cell dials about 12 s worth of contacts, spread over its workers'
   * campaigns (one per worker). Besides the whole cell, the steady rate: from one latency (plus 250
   * ms) after the first request, since a session sends one request until Plivo accepted a call (an
   * account Plivo refuses costs one request), a once-per-session cost that a 12 s cell shows and a
   * real campaign does not.
   */
  @Test
  void pacingAgainstAConfiguredAccountLimitAtEachLatency() {
    report(
        "| cps | latency | workers | contacts | achieved calls/s | achieved / cps | steady calls/s |"
            + " steady / cps | worst 1 s window |");
    report("|---|---|---|---|---|---|---|---|---|");
    WorkerBenchmarkCsv.start(
        WorkerBenchmarkCsv.PACING,
        "cps,latency_ms,workers,contacts,achieved_per_s,achieved_over_cps,steady_per_s,"
            + "steady_over_cps,worst_1s_window");
    WorkerBenchmarkCsv.start(
        WorkerBenchmarkCsv.CALL_RATE, "cps,latency_ms,workers,second,make_call_requests");
    for (int cps : CPS) {
      List<WorkerInstance> workers = pacers(cps, Collections.max(WORKERS));
      try {
        for (int latency : LATENCIES) {
          plivo.latency(Duration.ofMillis(latency), Duration.ZERO);
          for (int workerCount : WORKERS) {
            int contacts = Math.max(24, cps * 12);
            List<String> campaigns = new ArrayList<>();
            List<SimulatedCall> calls = dial(workers.subList(0, workerCount), contacts, campaigns);
            double achieved = (calls.size() - 1) / span(calls);
            List<SimulatedCall> steadyCalls = steadyCalls(calls, latency);
            double steady = (steadyCalls.size() - 1) / span(steadyCalls);
            int worst = SimulatorRecords.maxAcceptedInAnyWindow(calls, Duration.ofSeconds(1));
            report(
                String.format(
                    "| %d | %d ms | %d | %d | %.2f | %.1f %% | %.2f | %.1f %% | %d |",
                    cps,
                    latency,
                    workerCount,
                    contacts,
                    achieved,
                    100 * achieved / cps,
                    steady,
                    100 * steady / cps,
                    worst));
            WorkerBenchmarkCsv.row(
                WorkerBenchmarkCsv.PACING,
                cps,
                latency,
                workerCount,
                contacts,
                achieved,
                achieved / cps,
                steady,
                steady / cps,
                worst);
            WorkerBenchmarkCsv.callRate(cps, latency, workerCount, calls);
            assertThat(worst).isLessThanOrEqualTo(cps);
          }
        }
      } finally {
        plivo.latency(Duration.ZERO, Duration.ZERO);
        workers.forEach(WorkerInstance::close);
      }
    }
  }

  /** The calls of each of 2 and of 10 campaigns over 4 workers, at PLIVO_CPS=20, 300 ms latency. */
  @Test
  void sharesOfConcurrentCampaigns() {
    List<WorkerInstance> workers = pacers(20, 4);
    plivo.latency(Duration.ofMillis(300), Duration.ZERO);
    WorkerBenchmarkCsv.start(
        WorkerBenchmarkCsv.SHARES,
        "campaigns,workers,cps,latency_ms,contacts_each,calls_in_5s,even,worst_deviation");
    try {
      for (int campaignCount : new int[] {2, 10}) {
        int perCampaign = 200 / campaignCount;
        List<String> campaigns = new ArrayList<>();
        List<WorkerInstance> spread = new ArrayList<>();
        for (int i = 0; i < campaignCount; i++) {
          spread.add(workers.get(i % workers.size()));
        }
        List<SimulatedCall> calls = dial(spread, perCampaign * campaignCount, campaigns);
        Fixtures fixtures = new Fixtures(workers.get(0).mongo());
        // each campaign's calls in the first 5 s after all had started, while all were dialling
        long from =
            calls.stream().mapToLong(SimulatedCall::receivedNanos).min().orElseThrow()
                + 1_000_000_000L;
        long to = from + 5_000_000_000L;
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String campaignId : campaigns) {
          java.util.Set<String> ids = new java.util.HashSet<>();
          fixtures.calls(campaignId).forEach(call -> ids.add(call.id()));
          counts.put(
              campaignId,
              calls.stream()
                  .filter(c -> c.receivedNanos() >= from && c.receivedNanos() < to)
                  .filter(
                      c -> ids.contains(c.answerUrl().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1")))
                  .count());
        }
        double even = counts.values().stream().mapToLong(Long::longValue).average().orElseThrow();
        double worstDeviation =
            counts.values().stream()
                .mapToDouble(c -> Math.abs(c - even) / even)
                .max()
                .orElseThrow();
        report(
            String.format(
                "shares: %d campaigns over 4 workers, PLIVO_CPS=20, 300 ms latency, %d contacts"
                    + " each: calls per campaign in 5 s %s; even %.1f; worst deviation %.1f %%",
                campaignCount, perCampaign, counts.values(), even, 100 * worstDeviation));
        WorkerBenchmarkCsv.row(
            WorkerBenchmarkCsv.SHARES,
            campaignCount,
            workers.size(),
            20,
            300,
            perCampaign,
            counts.values().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            even,
            worstDeviation);
      }
    } finally {
      plivo.latency(Duration.ZERO, Duration.ZERO);
      workers.forEach(WorkerInstance::close);
    }
  }

  private static List<WorkerInstance> pacers(int cps, int count) {
    String database = MongoBackend.freshDatabaseName(WorkerBenchmarkTests.class);
    List<WorkerInstance> workers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      workers.add(
          WorkerInstance.start(
              database,
              "bench-pacing",
              plivo,
              "bench-pacer-" + cps + "-" + i,
              shippedPacing(
                  Map.of("plivo.cps", Integer.toString(cps), "plivo.read-timeout", "5s"))));
    }
    return workers;
  }

  /** The application's own pacing allowance, not the tests' wider one. */
  private static Map<String, String> shippedPacing(Map<String, String> overrides) {
    Map<String, String> properties = new java.util.HashMap<>(WorkerInstance.SHIPPED_PACING);
    properties.putAll(overrides);
    return properties;
  }

  /**
   * One campaign per entry of {@code workers} (a worker may appear more than once), {@code
   * contacts} in all, dialled to the end; answers the accepted calls.
   */
  private static List<SimulatedCall> dial(
      List<WorkerInstance> workers, int contacts, List<String> campaigns) {
    Fixtures fixtures = new Fixtures(workers.get(0).mongo());
    List<String> phones = Fixtures.numbers(contacts);
    plivo.clearCalls();
    int per = contacts / workers.size();
    List<String> dispatches = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      String dispatchId = Fixtures.dispatchId();
      campaigns.add(
          fixtures.runningCampaign(
              fixtures.list(phones.subList(i * per, (i + 1) * per)), dispatchId, new Document()));
      dispatches.add(dispatchId);
    }
    for (int i = 0; i < workers.size(); i++) {
      workers.get(i).start(campaigns.get(i), dispatches.get(i));
    }
    await()
        .atMost(Duration.ofMinutes(5))
        .until(() -> campaigns.stream().allMatch(id -> "completed".equals(fixtures.status(id))));
    List<SimulatedCall> calls = accepted();
    assertThat(calls).hasSize(per * workers.size());
    return calls;
  }

  @Test
  void heapWhileWalkingAMillionContacts() throws Exception {
    int contacts = HEAP_CONTACTS;
    String database = MongoBackend.freshDatabaseName(WorkerBenchmarkTests.class);
    String uri = TestInfrastructure.mongo().connectionString();
    String listId = new ObjectId().toHexString();
    long insertStarted = System.nanoTime();
    try (MongoClient client = MongoClients.create(uri)) {
      MongoCollection<Document> collection =
          client.getDatabase(database).getCollection(ContactFields.CONTACT_COLLECTION);
      List<Document> batch = new ArrayList<>(10_000);
      for (int i = 0; i < contacts; i++) {
        batch.add(
            new Document(ContactFields.ID, new ObjectId())
                .append(ContactFields.LIST_ID, listId)
                .append(ContactFields.PHONE, "+1415" + String.format("%07d", i))
                .append(ContactFields.NAME, "Contact " + i)
                .append(ContactFields.VARIABLES, Map.of("plan", "gold", "city", "Springfield")));
        if (batch.size() == 10_000) {
          collection.insertMany(batch);
          batch.clear();
        }
      }
    }
    double insertSeconds = (System.nanoTime() - insertStarted) / 1e9;

    WorkerBenchmarkCsv.start(WorkerBenchmarkCsv.HEAP, "contacts,batch,xmx,probe");
    for (String xmx : List.of("48m")) {
      for (int batchSize : List.of(500, 5000)) {
        String line = walkInOwnJvm(uri, database, listId, batchSize, xmx);
        report(
            String.format(
                "heap: walking %d contacts (inserted in %.0f s) with the worker's ContactWalk, batch"
                    + " %d, in a JVM with -Xmx%s: %s",
                contacts, insertSeconds, batchSize, xmx, line));
        WorkerBenchmarkCsv.row(WorkerBenchmarkCsv.HEAP, contacts, batchSize, xmx, line);
        assertThat(line).contains("walked=" + contacts);
      }
    }
  }

  private static String walkInOwnJvm(
      String uri, String database, String listId, int batchSize, String xmx) throws Exception {
    Path log = Path.of("target", "benchmarks", "contact-walk-" + batchSize + ".log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx,
                "-cp",
                System.getProperty("java.class.path"),
                ContactWalkProbe.class.getName(),
                uri,
                database,
                listId,
                new ObjectId().toHexString(),
                Integer.toString(batchSize))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the contact walk did not finish; see " + log);
    }
    String output = Files.readString(log);
    return output
        .lines()
        .filter(l -> l.startsWith("WALK "))
        .findFirst()
        .map(l -> humanBytes(l.substring(5)))
        .orElseThrow(
            () -> new IllegalStateException("exit " + process.exitValue() + "; see " + log));
  }

  /** Rewrites {@code key=bytes} figures of the probe as MiB. */
  private static String humanBytes(String line) {
    StringBuilder out = new StringBuilder();
    for (String part : line.split(" ")) {
      String[] kv = part.split("=");
      if (kv[0].toLowerCase().contains("heap") || kv[0].toLowerCase().contains("gc")) {
        out.append(kv[0])
            .append('=')
            .append(String.format("%.1fMiB", Long.parseLong(kv[1]) / 1048576.0));
      } else {
        out.append(part);
      }
      out.append(' ');
    }
    return out.toString().trim();
  }

  private static WorkerInstance worker(String id, Map<String, String> overrides) {
    return WorkerInstance.start(
        MongoBackend.freshDatabaseName(WorkerBenchmarkTests.class), "bench", plivo, id, overrides);
  }

  private static List<SimulatedCall> accepted() {
    return plivo.calls().stream().filter(SimulatedCall::accepted).toList();
  }

  /** The calls received once every session's first request was answered. */
  private static List<SimulatedCall> steadyCalls(List<SimulatedCall> calls, int latencyMillis) {
    long first = calls.stream().mapToLong(SimulatedCall::receivedNanos).min().orElseThrow();
    long from = first + (latencyMillis + 250) * 1_000_000L;
    return calls.stream().filter(c -> c.receivedNanos() >= from).toList();
  }

  private static double span(List<SimulatedCall> calls) {
    long first = calls.stream().mapToLong(SimulatedCall::receivedNanos).min().orElseThrow();
    long last = calls.stream().mapToLong(SimulatedCall::receivedNanos).max().orElseThrow();
    return (last - first) / 1e9;
  }

  private static void report(String line) {
    System.out.println("[benchmark] " + line);
    try {
      Files.writeString(
          REPORT,
          line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
