package com.voicecampaigns.faults.harness;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The topics and subscriptions an emulator holds, read before it is restarted and made again after
 * it: a restarted emulator holds none, while a real Pub/Sub keeps them through any outage (in
 * production they are the infrastructure's, see k8s/gcp/pubsub.yaml).
 */
public record EmulatorResources(List<String> topics, List<ObjectNode> subscriptions) {

  static EmulatorResources read(EmulatorRest rest) {
    List<String> topics = new ArrayList<>();
    for (JsonNode topic : listed(rest, "topics")) {
      topics.add(lastSegment(topic.get("name").asString()));
    }
    List<ObjectNode> subscriptions = new ArrayList<>();
    for (JsonNode subscription : listed(rest, "subscriptions")) {
      subscriptions.add((ObjectNode) subscription);
    }
    return new EmulatorResources(List.copyOf(topics), List.copyOf(subscriptions));
  }

  /** Makes every topic on {@code rest}'s emulator. */
  void createTopics(EmulatorRest rest) {
    topics.forEach(topic -> rest.send("PUT", "/topics/" + topic, null));
  }

  /** Makes every subscription, with its settings, on {@code rest}'s emulator. */
  void createSubscriptions(EmulatorRest rest) {
    for (ObjectNode subscription : subscriptions) {
      ObjectNode settings = subscription.deepCopy();
      String name = lastSegment(settings.remove("name").asString());
      rest.send("PUT", "/subscriptions/" + name, settings);
    }
  }

  private static List<JsonNode> listed(EmulatorRest rest, String kind) {
    JsonNode answer = rest.send("GET", "/" + kind + "?pageSize=1000", null);
    List<JsonNode> items = new ArrayList<>();
    if (answer != null && answer.has(kind)) {
      answer.get(kind).forEach(items::add);
    }
    return items;
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
