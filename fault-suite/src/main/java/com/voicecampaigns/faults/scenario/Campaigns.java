package com.voicecampaigns.faults.scenario;

import static org.awaitility.Awaitility.await;

import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.audit.Recount;
import com.voicecampaigns.faults.harness.ApiClient;
import com.voicecampaigns.faults.harness.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** What the scenarios do with campaigns: create them, watch them, collect them for the audit. */
final class Campaigns {

  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

  /** How long the audit waits for a campaign's counters to equal a recount. */
  static final Duration SETTLING = Duration.ofSeconds(15);

  private final ApiClient api;
  private final Simulator simulator;

  Campaigns(ApiClient api, Simulator simulator) {
    this.api = api;
    this.simulator = simulator;
  }

  /**
   * {@code count} valid US numbers of their own for scenario {@code block} (1–9), so that a
   * number's calls in the audit log belong to one scenario: +1 415 555 b000 onwards.
   */
  static List<String> numbers(int block, int count) {
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add("+1415555" + String.format("%04d", block * 1000 + i));
    }
    return numbers;
  }

  /** A campaign on a new list of {@code phones}, at {@code cps}, due at {@code at} (null: now). */
  String create(String name, List<String> phones, double cps, Instant at) {
    return create(name, phones, cps, at, null);
  }

  /** The same, with a calling window ({@code timezone, start, end}; null: none). */
  String create(
      String name, List<String> phones, double cps, Instant at, Map<String, Object> window) {
    String listId = api.createList(name, phones);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("callsPerSecond", cps);
    if (at != null) {
      fields.put("scheduledTime", at.toString());
    }
    if (window != null) {
      fields.put("callingWindow", window);
    }
    return api.createCampaign(name, listId, fields).get("id").asString();
  }

  /** Calls the simulator placed for the campaign so far (from its audit log). */
  long placed(String campaignId) {
    return simulator.audit().placedCalls().stream()
        .filter(
            call ->
                call.answerUrl() != null && call.answerUrl().contains("campaignId=" + campaignId))
        .count();
  }

  /** Of those, the ones placed after {@code at}. */
  long placedAfter(String campaignId, Instant at) {
    return simulator.audit().placedCalls().stream()
        .filter(
            call ->
                call.answerUrl() != null && call.answerUrl().contains("campaignId=" + campaignId))
        .filter(call -> call.placedAt().isAfter(at))
        .count();
  }

  /** When the first call placed after {@code at} was placed. */
  java.util.Optional<Instant> firstPlacedAfter(String campaignId, Instant at) {
    return simulator.audit().placedCalls().stream()
        .filter(
            call ->
                call.answerUrl() != null && call.answerUrl().contains("campaignId=" + campaignId))
        .map(call -> call.placedAt())
        .filter(placedAt -> placedAt.isAfter(at))
        .min(Instant::compareTo);
  }

  void awaitPlaced(String campaignId, long atLeast, Duration atMost) {
    await("at least " + atLeast + " calls of " + campaignId)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> placed(campaignId) >= atLeast);
  }

  String status(String campaignId) {
    return api.campaign(campaignId).get("status").asString();
  }

  void awaitStatus(String campaignId, String status, Duration atMost) {
    await(campaignId + " " + status)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions() // the API answers 503 while MongoDB does not
        .until(() -> status(campaignId).equals(status));
  }

  /** Whether the campaign completed, failed or was cancelled within {@code atMost}. */
  boolean endsWithin(String campaignId, Duration atMost) {
    try {
      awaitEnd(campaignId, atMost);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /** Waits until the campaign completed, failed or was cancelled. */
  void awaitEnd(String campaignId, Duration atMost) {
    await(campaignId + " ended")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> ENDED.contains(status(campaignId)));
  }

  /**
   * The campaign and its calls as the API shows them, for the audit: once its counters equal a
   * recount, or after {@link #SETTLING} (the worker mends counters a crash left behind when the
   * campaign's session ends, once the difference has stood for its settle time).
   */
  AuditedCampaign collect(
      String campaignId, List<AuditedCampaign.Quiet> quiet, AuditedCampaign.Ending ending) {
    try {
      await(campaignId + " counters equal to a recount")
          .atMost(SETTLING)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> Recount.differences(api.campaign(campaignId), api.calls(campaignId)).isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the audit reports the difference
    }
    JsonNode view = api.campaign(campaignId);
    return new AuditedCampaign(campaignId, view, api.calls(campaignId), quiet, 1, ending);
  }

  /** A campaign that must have completed (or failed with a reason), without quiet spans. */
  AuditedCampaign finished(String campaignId) {
    return collect(campaignId, List.of(), AuditedCampaign.Ending.FINISHED);
  }
}
