package com.voicecampaigns.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.api.ApiClient;
import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.Tokens;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MongoDB in a process of its own, stopped with SIGSTOP: its connections stay open and the kernel
 * still accepts new ones, but nothing answers. Every route then answers 503 within the driver's
 * timeouts (here 1 s connect, 2 s socket, 2 s server selection), and once the process is resumed
 * the API serves again without a restart.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "api.security.hmac-secret=" + Tokens.SECRET,
      "mongodb.connect-timeout=1s",
      "mongodb.socket-timeout=2s",
      "mongodb.server-selection-timeout=2s"
    })
@DirtiesContext // its MongoDB process ends with the class; so does the context that uses it
class MongoOutageTests {

  /** Socket timeout plus server selection, with room for a loaded machine. */
  private static final Duration BOUND = Duration.ofSeconds(8);

  private static MongoProcess mongo;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, MongoOutageTests.class);
    mongo = MongoProcess.start("256m", Path.of("target", "outage-mongo.log"));
    registry.add("spring.mongodb.uri", mongo::uri);
  }

  @AfterAll
  static void stopMongo() {
    if (mongo != null) {
      mongo.close();
    }
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void aMongoDbThatStopsAnsweringGives503WithinTheBoundAndTheApiRecoversByItself() {
    var api = new ApiClient(port);
    String token = new Tokens(Clock.systemUTC()).forTenant("outage");
    Response list =
        api.post(
            "/api/v1/contact-lists",
            token,
            Map.of("name", "before", "contacts", List.of(Map.of("phone", "+14155552671"))));
    assertThat(list.status()).as(list.toString()).isEqualTo(201);
    String listId = list.json().get("id").asString();
    Map<String, Object> campaign =
        Map.of(
            "name",
            "during",
            "listId",
            listId,
            "fromNumber",
            "+918035735659",
            "wssUrl",
            "wss://bot.example.com/socket");

    List<String> answers = new ArrayList<>();
    mongo.pause();
    try {
      answers.add(timed("GET lists", () -> api.get("/api/v1/contact-lists", token)));
      answers.add(timed("POST campaign", () -> api.post("/api/v1/campaigns", token, campaign)));
      answers.add(
          timed(
              "GET contacts",
              () -> api.get("/api/v1/contact-lists/" + listId + "/contacts", token)));
      Response seed =
          api.post(
              "/plivo/cancel-campaign", token, Map.of("campaignId", "65f0c0ffee0000000000beef"));
      assertThat(seed.status()).as(seed.toString()).isEqualTo(503);
      assertThat(seed.map()).containsOnlyKeys("status", "message").containsEntry("status", 503);
    } finally {
      mongo.resume();
    }
    assertThat(answers).allSatisfy(answer -> assertThat(answer).endsWith("503"));

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/v1/contact-lists/" + listId, token).status() == 200);
    Response created = api.post("/api/v1/campaigns", token, campaign);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  /** Sends the request, asserts a 503 problem detail within the bound, answers "name status". */
  private static String timed(String name, Supplier<Response> request) {
    long start = System.nanoTime();
    Response response = request.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as(name + " took " + took).isLessThan(BOUND);
    assertThat(response.status()).as(name + ": " + response).isEqualTo(503);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/service-unavailable");
    System.out.println("[mongo-outage] " + name + ": 503 after " + took.toMillis() + " ms");
    return name + " " + response.status();
  }
}
