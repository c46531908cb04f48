package com.voicecampaigns.faults.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Makes every message on some topics arrive three times: a subscription of its own on each topic
 * (the emulator's REST API, synchronous pulls) sees each message the services publish, and
 * publishes it twice more, byte for byte with its attributes, marked so that its copies are not
 * copied again. The services' own subscriptions then get the original and the two copies.
 */
public final class DeliveryTripler implements AutoCloseable {

  private static final String COPY = "fault-suite-copy";
  private final EmulatorRest rest;
  private final Map<String, String> taps = new LinkedHashMap<>();
  private final Map<String, Long> copied = new ConcurrentHashMap<>();
  private final ScheduledExecutorService puller = Executors.newSingleThreadScheduledExecutor();

  private DeliveryTripler(String emulatorHost) {
    this.rest = new EmulatorRest(emulatorHost);
  }

  /** Starts copying what is published to {@code topics} from now on. */
  public static DeliveryTripler start(String emulatorHost, List<String> topics) {
    DeliveryTripler tripler = new DeliveryTripler(emulatorHost);
    String suffix = Long.toString(System.currentTimeMillis());
    for (String topic : topics) {
      String tap = "fault-suite-tap-" + topic + "-" + suffix;
      tripler.rest.send(
          "PUT", "/subscriptions/" + tap, Map.of("topic", EmulatorRest.topicPath(topic)));
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
        rest.send(
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
      rest.send("POST", "/topics/" + topic + ":publish", Map.of("messages", copies));
      copied.merge(topic, (long) copies.size() / 2, Long::sum);
    }
    rest.send("POST", "/subscriptions/" + tap + ":acknowledge", Map.of("ackIds", ackIds));
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
    taps.values().forEach(tap -> rest.send("DELETE", "/subscriptions/" + tap, null));
  }
}
