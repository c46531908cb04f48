package com.voicecampaigns.api.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient;
import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.Tokens;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.benchmark.BenchmarkEnvironment;
import com.voicecampaigns.testsupport.mongo.MongoProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Create-campaign throughput and latency under closed-loop load from a second process ({@link
 * ClosedLoopDriver}, a JVM of its own), beside the floor: an authenticated GET of one campaign on
 * the same server, measured first in the same run. MongoDB runs in a JVM of its own
 * (mongo-java-server, or MONGODB_URI). {@code -Dbenchmark.load-connections=8
 * -Dbenchmark.load-seconds=30} (the defaults); figures go to {@code
 * target/benchmarks/api-load.csv}.
 *
 * <p>{@code ./mvnw -B -pl campaign-api -am verify -Pbenchmarks
 * -Dtest=CampaignCreateLoadBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "api.security.hmac-secret=" + Tokens.SECRET)
class CampaignCreateLoadBenchmarkTests {

  private static final int CONNECTIONS = Integer.getInteger("benchmark.load-connections", 8);
  private static final int SECONDS = Integer.getInteger("benchmark.load-seconds", 30);
  private static final int WARM_UP_SECONDS = 5;
  private static final Path OUT = Path.of("target", "benchmarks");
  private static MongoProcess mongoProcess;
  private static final List<String> rows =
      new ArrayList<>(
          List.of(
              "endpoint,request,connections,seconds,requests,errors,throughput_per_s,p50_ms,"
                  + "p99_ms,max_ms"));

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, CampaignCreateLoadBenchmarkTests.class);
    String uri = System.getenv("MONGODB_URI");
    if (uri == null || uri.isBlank()) {
      mongoProcess = MongoProcess.start("4g", Path.of("target", "benchmark-load-mongo.log"));
      uri = mongoProcess.uri();
    }
    String mongoUri = uri;
    registry.add("spring.mongodb.uri", () -> mongoUri);
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void createCampaignUnderClosedLoopLoadBesideATrivialGet() throws Exception {
    var api = new ApiClient(port);
    String token = new Tokens(Clock.systemUTC()).forTenant("benchmark");
    Response list =
        api.post(
            "/api/v1/contact-lists",
            token,
            Map.of("name", "load", "contacts", List.of(Map.of("phone", "+14155552671"))));
    assertThat(list.status()).as(list.toString()).isEqualTo(201);
    String body =
        """
        {"name":"load","listId":"%s","fromNumber":"+918035735659",\
        "wssUrl":"wss://bot.example.com/socket","scheduledTime":"%s"}"""
            .formatted(list.json().get("id").asString(), Instant.now().plusSeconds(86_400));
    Files.createDirectories(OUT);
    Path bodyFile = OUT.resolve("api-load-create-body.json");
    Files.writeString(bodyFile, body);
    Response created =
        api.raw(
            "POST",
            "/api/v1/campaigns",
            token,
            "application/json",
            java.net.http.HttpRequest.BodyPublishers.ofString(body));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String campaign = "/api/v1/campaigns/" + created.json().get("id").asString();

    String floor = drive("trivial-get", "GET " + campaign, token, "GET", campaign, "-", 200);
    String create =
        drive(
            "create-campaign",
            "POST /api/v1/campaigns",
            token,
            "POST",
            "/api/v1/campaigns",
            bodyFile.toString(),
            201);
    System.out.println("[benchmark] api load: " + floor);
    System.out.println("[benchmark] api load: " + create);
    assertThat(rows).hasSize(3);
  }

  private String drive(
      String endpoint,
      String request,
      String token,
      String method,
      String path,
      String bodyFile,
      int expected)
      throws Exception {
    Path log = OUT.resolve("api-load-" + endpoint + ".log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ClosedLoopDriver.class.getName(),
                "http://127.0.0.1:" + port + path,
                token,
                method,
                bodyFile,
                Integer.toString(expected),
                Integer.toString(CONNECTIONS),
                Integer.toString(WARM_UP_SECONDS),
                Integer.toString(SECONDS))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(SECONDS + WARM_UP_SECONDS + 120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the load driver did not finish; see " + log);
    }
    String line =
        Files.readString(log)
            .lines()
            .filter(l -> l.startsWith("LOAD "))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("exit " + process.exitValue() + "; see " + log));
    Map<String, String> figures = new java.util.HashMap<>();
    for (String part : line.substring(5).split(" ")) {
      String[] kv = part.split("=");
      figures.put(kv[0], kv[1]);
    }
    rows.add(
        String.join(
            ",",
            endpoint,
            request,
            Integer.toString(CONNECTIONS),
            figures.get("seconds"),
            figures.get("requests"),
            figures.get("errors"),
            figures.get("throughput"),
            figures.get("p50_ms"),
            figures.get("p99_ms"),
            figures.get("max_ms")));
    return request + ": " + line;
  }

  @AfterAll
  static void report() throws IOException {
    Files.createDirectories(OUT);
    Files.write(OUT.resolve("api-load.csv"), rows);
    new BenchmarkEnvironment(
            mongoProcess != null
                ? "mongo-java-server in a JVM of its own (MongoProcess)"
                : TestInfrastructure.mongo().description(),
            TestInfrastructure.pubsub().description(),
            Map.of(
                "connections", Integer.toString(CONNECTIONS),
                "seconds", Integer.toString(SECONDS),
                "warm_up_seconds", Integer.toString(WARM_UP_SECONDS),
                "load generator", "ClosedLoopDriver (JDK HttpClient) in a second JVM"))
        .write(OUT.resolve("api-load.properties"));
    if (mongoProcess != null) {
      mongoProcess.close();
    }
  }
}
