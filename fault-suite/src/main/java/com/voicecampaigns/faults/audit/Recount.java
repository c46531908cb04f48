package com.voicecampaigns.faults.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The campaign's progress counters (kept by {@code $inc} on the campaign document) against a
 * recount from its call attempts as the API lists them: attempts in all, attempts by status,
 * contacts by the status of their latest attempt, contacts never called. (The scenarios set no end
 * time, so no contact counts as expired without an attempt.)
 */
public final class Recount {

  private Recount() {}

  /** The differences; empty when the counters equal the recount. */
  public static List<String> differences(JsonNode view, List<JsonNode> calls) {
    JsonNode progress = view.get("progress");
    if (progress == null || progress.isNull()) {
      return List.of("the campaign shows no progress");
    }
    Map<String, Long> attemptsByStatus = count(calls, call -> call.get("status").asString());
    Map<String, JsonNode> latest =
        calls.stream()
            .collect(
                Collectors.toMap(
                    call -> call.get("contactId").asString(),
                    Function.identity(),
                    (a, b) -> a.get("attempt").asInt() >= b.get("attempt").asInt() ? a : b));
    Map<String, Long> byStatus =
        count(List.copyOf(latest.values()), c -> c.get("status").asString());
    long total = progress.get("totalContacts").asLong();
    long notCalled = total - latest.size();
    List<String> differences = new java.util.ArrayList<>();
    compare(differences, "attempts", progress.get("attempts").asLong(), (long) calls.size());
    compare(differences, "notCalled", progress.get("notCalled").asLong(), notCalled);
    compare(
        differences,
        "attemptsByStatus",
        counts(progress.get("attemptsByStatus")),
        attemptsByStatus);
    compare(differences, "byStatus", counts(progress.get("byStatus")), byStatus);
    return differences;
  }

  private static void compare(
      List<String> differences, String what, Object counter, Object recount) {
    if (!counter.equals(recount)) {
      differences.add(what + ": counters " + counter + ", recount " + recount);
    }
  }

  private static Map<String, Long> counts(JsonNode object) {
    Map<String, Long> counts = new TreeMap<>();
    if (object != null) {
      object
          .properties()
          .forEach(
              entry -> {
                if (entry.getValue().asLong() != 0) {
                  counts.put(entry.getKey(), entry.getValue().asLong());
                }
              });
    }
    return counts;
  }

  private static Map<String, Long> count(List<JsonNode> calls, Function<JsonNode, String> key) {
    return calls.stream()
        .sorted(Comparator.comparing(call -> call.get("callId").asString()))
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }
}
