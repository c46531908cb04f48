package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient;
import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.Tokens;
import com.voicecampaigns.store.campaign.CampaignCounters;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.benchmark.BenchmarkEnvironment;
import com.voicecampaigns.testsupport.mongo.MongoProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/v1/campaigns/{id}} latency for a campaign with 1,000,000 call documents beside
 * one with none (progress from the campaign's counters), and, for comparison, one recount of the
 * large campaign from its calls (what every GET cost before the counters). MongoDB runs in a JVM of
 * its own. {@code -Dbenchmark.calls=…} changes the size; figures go to {@code
 * target/benchmarks/campaign-progress.txt} and {@code .csv}.
 *
 * <p>{@code ./mvnw -B -pl campaign-api -am verify -Pbenchmarks
 * -Dtest=CampaignProgressBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "api.security.hmac-secret=" + Tokens.SECRET)
class CampaignProgressBenchmarkTests {

  private static final int CALLS = Integer.getInteger("benchmark.calls", 1_000_000);
  private static final int REQUESTS = 2_000;
  private static MongoProcess mongoProcess;
  private static final List<String> figures = new ArrayList<>();
  private static final List<String> csvRows =
      new ArrayList<>(List.of("measure,calls,requests,p50_ms,p99_ms,max_ms"));

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, CampaignProgressBenchmarkTests.class);
    String uri = System.getenv("MONGODB_URI");
    if (uri == null || uri.isBlank()) {
      mongoProcess = MongoProcess.start("4g", Path.of("target", "benchmark-progress-mongo.log"));
      uri = mongoProcess.uri();
    }
    String mongoUri = uri;
    registry.add("spring.mongodb.uri", () -> mongoUri);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired MongoTemplate mongo;
  @Autowired CampaignCounters counters;

  @Test
  void aCampaignsGetCostsTheSameWithAMillionCallsAsWithNone() {
    var api = new ApiClient(port);
    String token = new Tokens(Clock.systemUTC()).forTenant("benchmark");
    String listId = list(token, api);
    String empty = campaign(api, token, listId);
    String large = campaign(api, token, listId);
    long inserting = System.nanoTime();
    insertCalls(large, CALLS);
    double insertSeconds = (System.nanoTime() - inserting) / 1e9;
    long recounting = System.nanoTime();
    counters.repair(large); // the counters the transitions would have moved, written once
    long recountMillis = (System.nanoTime() - recounting) / 1_000_000;

    Latencies none = measure(api, token, empty);
    Latencies million = measure(api, token, large);

    Response view = api.get("/api/v1/campaigns/" + large, token);
    assertThat(view.json().get("progress").get("attempts").asLong()).isEqualTo(CALLS);
    csvRows.add(none.csv("get-no-calls", 0));
    csvRows.add(million.csv("get-with-calls", CALLS));
    csvRows.add(
        String.format(
            Locale.ROOT,
            "recount,%d,1,%d,%d,%d",
            CALLS,
            recountMillis,
            recountMillis,
            recountMillis));
    figures.add(String.format(Locale.ROOT, "campaign with no calls: %s", none));
    figures.add(String.format(Locale.ROOT, "campaign with %,d calls: %s", CALLS, million));
    figures.add(
        String.format(
            Locale.ROOT,
            "one recount of the %,d calls (the aggregation every GET ran before): %d ms;"
                + " inserting them took %.0f s",
            CALLS,
            recountMillis,
            insertSeconds));
    // the counters make the read independent of the number of calls
    assertThat(million.p99Millis()).isLessThan(Math.max(50, none.p99Millis() * 5));
  }

  private Latencies measure(ApiClient api, String token, String id) {
    for (int i = 0; i < 200; i++) {
      api.get("/api/v1/campaigns/" + id, token); // warm-up
    }
    long[] nanos = new long[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long start = System.nanoTime();
      Response response = api.get("/api/v1/campaigns/" + id, token);
      nanos[i] = System.nanoTime() - start;
      assertThat(response.status()).isEqualTo(200);
    }
    Arrays.sort(nanos);
    return new Latencies(
        nanos[REQUESTS / 2] / 1e6, nanos[REQUESTS * 99 / 100] / 1e6, nanos[REQUESTS - 1] / 1e6);
  }

  record Latencies(double p50Millis, double p99Millis, double maxMillis) {
    String csv(String measure, int calls) {
      return String.format(
          Locale.ROOT,
          "%s,%d,%d,%.3f,%.3f,%.3f",
          measure,
          calls,
          REQUESTS,
          p50Millis,
          p99Millis,
          maxMillis);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "GET p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d requests",
          p50Millis,
          p99Millis,
          maxMillis,
          REQUESTS);
    }
  }

  /** Call documents as the worker leaves them: contacts of one attempt each, mostly finished. */
  private void insertCalls(String campaignId, int count) {
    String[] outcomes = {"completed", "completed", "busy", "no-answer", "failed", "machine"};
    Date now = new Date();
    List<Document> batch = new ArrayList<>(10_000);
    for (int i = 0; i < count; i++) {
      batch.add(
          new Document("_id", new ObjectId())
              .append("campaignId", campaignId)
              .append("clientId", "benchmark")
              .append("contactId", new ObjectId().toHexString())
              .append("attempt", 1)
              .append("status", outcomes[i % outcomes.length])
              .append("to", "+14155552671")
              .append("from", "+918035735659")
              .append("createdAt", now)
              .append("dialedAt", now)
              .append("endedAt", now)
              .append("hangupCause", "NORMAL_CLEARING")
              .append("durationSeconds", 30));
      if (batch.size() == 10_000) {
        mongo.getCollection("calls").insertMany(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      mongo.getCollection("calls").insertMany(batch);
    }
  }

  private static String list(String token, ApiClient api) {
    Response list =
        api.post(
            "/api/v1/contact-lists",
            token,
            Map.of("name", "bench", "contacts", List.of(Map.of("phone", "+14155552671"))));
    assertThat(list.status()).as(list.toString()).isEqualTo(201);
    return list.json().get("id").asString();
  }

  private static String campaign(ApiClient api, String token, String listId) {
    Response created =
        api.post(
            "/api/v1/campaigns",
            token,
            Map.of(
                "name",
                "bench",
                "listId",
                listId,
                "fromNumber",
                "+918035735659",
                "wssUrl",
                "wss://bot.example.com/socket",
                "scheduledTime",
                java.time.Instant.now().plusSeconds(86_400).toString()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  @AfterAll
  static void report() throws IOException {
    figures.forEach(line -> System.out.println("[benchmark] campaign progress: " + line));
    Path out = Path.of("target", "benchmarks", "campaign-progress.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, figures);
    Files.write(out.resolveSibling("campaign-progress.csv"), csvRows);
    new BenchmarkEnvironment(
            mongoProcess != null
                ? "mongo-java-server in a JVM of its own (MongoProcess)"
                : TestInfrastructure.mongo().description(),
            TestInfrastructure.pubsub().description(),
            Map.of("calls", Integer.toString(CALLS), "requests", Integer.toString(REQUESTS)))
        .write(out.resolveSibling("campaign-progress.properties"));
    if (mongoProcess != null) {
      mongoProcess.close();
    }
  }
}
