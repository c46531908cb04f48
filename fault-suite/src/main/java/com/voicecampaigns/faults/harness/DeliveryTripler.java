package com.voicecampaigns.faults.harness;

import com.voicecampaigns.testsupport.pubsub.PubSubBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes every message on some topics arrive three times: a subscription of its own on each topic
 * (the emulator's REST API, synchronous pulls) sees each message the services publish, and
 * publishes it twice more, byte for byte with its attributes, marked so that its copies are not
 * copied again. The services' own subscriptions then get the original and the two copies.
 */
public final class DeliveryTripler implements AutoCloseable {

  private static final String COPY = "fault-suite-copy";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String base;
  private final Map<String, String> taps = new LinkedHashMap<>();
  private final Map<String, Long> copied = new ConcurrentHashMap<>();
  private final ScheduledExecutorService puller = Executors.newSingleThreadScheduledExecutor();

  private DeliveryTripler(String emulatorHost) {
    this.base = "http://" + emulatorHost + "/v1/projects/" + PubSubBackend.TEST_PROJECT;
  }

  /** Starts copying what is published to {@code topics} from now on. */
  public static DeliveryTripler start(String emulatorHost, List<String> topics) {
    DeliveryTripler tripler = new DeliveryTripler(emulatorHost);
    String suffix = Long.toString(System.currentTimeMillis());
    for (String topic : topics) {
      String tap = "fault-suite-tap-" + topic + "-" + suffix;
      tripler.send("PUT", "/subscriptions/" + tap, Map.of("topic", tripler.topicPath(topic)));
      tripler.taps.put(topic, tap);
    }
    tripler.puller.scheduleWithFixedDelay(tripler::copyAll, 0, 100, TimeUnit.MILLISECONDS);
    return tripler;
  }

  /** Messages copied (each published twice more), by topic. */
  public Map<String, Long> copied() {
    return Map.copyOf(copied);
  }

  private void copyAll() {
    taps.forEach(
        (topic, tap) -> {
          try {
            copy(topic, tap);
          } catch (RuntimeException e) {
            System.err.println("tripler: " + topic + ": " + e.getMessage());
          }
        });
  }

  private void copy(String topic, String tap) {
    JsonNode pulled =
        send(
            "POST",
            "/subscriptions/" + tap + ":pull",
            Map.of("maxMessages", 100, "returnImmediately", true));
    JsonNode received = pulled == null ? null : pulled.get("receivedMessages");
    if (received == null || received.isEmpty()) {
      return;
    }
    List<String> ackIds = new ArrayList<>();
    List<Map<String, Object>> copies = new ArrayList<>();
    for (JsonNode message : received) {
      ackIds.add(message.get("ackId").asString());
      JsonNode body = message.get("message");
      Map<String, String> attributes = new LinkedHashMap<>();
      JsonNode given = body.get("attributes");
      if (given != null) {
        given
            .properties()
            .forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asString()));
      }
      if (attributes.containsKey(COPY)) {
        continue;
      }
      attributes.put(COPY, "true");
      Map<String, Object> copy =
          Map.of("data", body.get("data").asString(""), "attributes", attributes);
      copies.add(copy);
      copies.add(copy);
    }
    if (!copies.isEmpty()) {
      send("POST", "/topics/" + topic + ":publish", Map.of("messages", copies));
      copied.merge(topic, (long) copies.size() / 2, Long::sum);
    }
    send("POST", "/subscriptions/" + tap + ":acknowledge", Map.of("ackIds", ackIds));
  }

  private String topicPath(String topic) {
    return "projects/" + PubSubBackend.TEST_PROJECT + "/topics/" + topic;
  }

  private JsonNode send(String method, String path, Object body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops copying and deletes its subscriptions. */
  @Override
  public void close() {
    puller.shutdownNow();
    try {
      puller.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    taps.values().forEach(tap -> send("DELETE", "/subscriptions/" + tap, null));
  }
}
