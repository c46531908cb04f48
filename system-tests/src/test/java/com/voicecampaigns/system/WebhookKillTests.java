package com.voicecampaigns.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import com.voicecampaigns.testsupport.FreePorts;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * No webhook event is lost when the API dies between a state change and the event's delivery: the
 * API (its executable jar, a JVM of its own) is killed with SIGKILL while its first delivery of an
 * event waits for the receiver's answer, and a second campaign changes state in MongoDB while no
 * API runs at all (as a worker completing it would). After a restart on the same database, both
 * events reach the receiver, the first one again under the same event id.
 */
class WebhookKillTests {

  private final String database = MongoBackend.freshDatabaseName(WebhookKillTests.class);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer receiver;
  private AppProcess api;

  record Received(String id, String body) {}

  @AfterEach
  void stop() {
    release.countDown();
    if (api != null) {
      api.kill();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    handlers.shutdownNow();
  }

  @Test
  void anEventIsDeliveredAfterTheApiWasKilledBeforeDeliveringIt() throws Exception {
    startReceiver();
    int port = FreePorts.find();
    api = startApi(port);
    RestClient client = client(port);
    String endpointId = register(client);
    String cancelledId = createCampaign(client, "cancelled-then-killed");
    String completedId = createCampaign(client, "completed-while-down");

    // the state change; the API records its event and starts delivering it, the receiver holds it
    client.post().uri("/api/v1/campaigns/{id}/cancel", cancelledId).retrieve().toBodilessEntity();
    await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
    api.kill();

    completeInMongo(completedId);
    release.countDown();
    api = startApi(port);

    String cancelled = "evt_" + cancelledId + "_cancelled";
    String completed = "evt_" + completedId + "_completed";
    // the event completed while the API was down can arrive before the killed delivery's lease
    // expires and the cancelled event is sent again: wait for both
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                received.stream().map(Received::id).toList().contains(completed)
                    && received.stream().filter(r -> r.id().equals(cancelled)).count() >= 2);
    assertThat(received.get(0).id()).isEqualTo(cancelled);
    assertThat(received.stream().filter(r -> r.id().equals(cancelled)))
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(
            received.stream().filter(r -> r.id().equals(cancelled)).map(Received::body).distinct())
        .as("the same event, byte for byte")
        .hasSize(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deliveredIds(client, endpointId).containsAll(List.of(cancelled, completed)));
  }

  private AppProcess startApi(int port) {
    Map<String, String> properties = new LinkedHashMap<>(TestInfrastructure.properties(database));
    properties.put("api.security.hmac-secret", ApiTokens.SECRET);
    properties.put("api.webhooks.allow-private-targets", "true");
    properties.put("api.webhooks.allow-http", "true");
    properties.put("api.webhooks.poll-interval", "200ms");
    properties.put("api.webhooks.connect-timeout", "2s");
    properties.put("api.webhooks.read-timeout", "5s");
    // the lease of the killed API's delivery expires this long after it was claimed
    properties.put("api.webhooks.lease-duration", "10s");
    return AppProcess.start("campaign-api", port, properties);
  }

  private void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(handlers);
    receiver.createContext(
        "/",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes());
          boolean first = received.isEmpty();
          received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), body));
          if (first) {
            try { // hold the first delivery until the API that sends it is dead
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          try {
            exchange.sendResponseHeaders(204, -1);
          } catch (IOException senderGone) {
            // the killed API's connection
          }
          exchange.close();
        });
    receiver.start();
  }

  private String register(RestClient client) {
    Map<?, ?> created =
        client
            .post()
            .uri("/api/v1/webhooks")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Map.of(
                    "url",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
                    "events",
                    List.of("campaign.cancelled", "campaign.completed")))
            .retrieve()
            .body(Map.class);
    return (String) created.get("id");
  }

  private String createCampaign(RestClient client, String name) {
    return (String)
        new CampaignClient(client)
            .schedule(
                name,
                List.of("+14155552671"),
                "+918035735659",
                "wss://bot.example.com/socket",
                Instant.now().plus(Duration.ofHours(1)))
            .get("id");
  }

  /** What a worker does when the campaign's last call ended, while no API runs. */
  private void completeInMongo(String campaignId) {
    Map<String, String> properties = TestInfrastructure.properties(database);
    try (MongoClient mongo = MongoClients.create(properties.get("spring.mongodb.uri"))) {
      Date now = new Date();
      mongo
          .getDatabase(database)
          .getCollection("campaigns")
          .updateOne(
              new Document("_id", new ObjectId(campaignId)),
              new Document(
                  "$set",
                  new Document("status", "completed")
                      .append("startedAt", now)
                      .append("completedAt", now)
                      .append("updatedAt", now)));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> deliveredIds(RestClient client, String endpointId) {
    Map<String, Object> page =
        client
            .get()
            .uri("/api/v1/webhooks/{id}/deliveries?status=delivered", endpointId)
            .retrieve()
            .body(Map.class);
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(d -> (String) d.get("eventId")).toList();
  }

  private static RestClient client(int port) {
    return RestClient.builder()
        .baseUrl("http://127.0.0.1:" + port)
        .defaultHeader("Authorization", "Bearer " + ApiTokens.token())
        .build();
  }
}
