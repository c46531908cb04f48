package com.voicecampaigns.faults.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.simulator.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit finds each kind of violation in a hand-written simulator audit log, and only those. */
class AuditTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String CAMPAIGN = "c1";

  @TempDir Path dir;
  private final List<String> lines = new ArrayList<>();
  private final List<JsonNode> calls = new ArrayList<>();
  private int requests;

  @Test
  void anAttemptWithdrawnBeforeItsSendAndThenCancelledWasNotLost() throws IOException {
    placed("call0", "+14155550000", T0, "completed");
    call("withdrawn", "+14155550001", "cancelled", T0.plusSeconds(1)); // marked started, never sent

    AuditResult result = audit(view("completed", null, counters()), List.of(), true);

    assertThat(result.violations()).isEmpty();
    assertThat(result.counts()).containsEntry("sent, never received", 0L);
  }

  @Test
  void aCampaignThatCalledEachContactOnceWithinTheLimitPasses() throws IOException {
    for (int i = 0; i < 5; i++) {
      placed("call" + i, "+1415555000" + i, T0.plusMillis(300L * i), "completed");
    }

    AuditResult result = audit(view("completed", null, counters()), List.of(), false);

    assertThat(result.violations()).isEmpty();
    assertThat(result.counts())
        .containsEntry("rang", 5L)
        .containsEntry("most rings of one attempt", 1L)
        .containsEntry("most calls in 1 s", 4L);
  }

  @Test
  void anAttemptThatRangTwiceAndAContactCalledTwiceAreFound() throws IOException {
    placed("call0", "+14155550000", T0, "completed");
    request("call0", "+14155550000", T0.plusSeconds(2), true); // the same attempt again
    placed("call1", "+14155550000", T0.plusSeconds(4), "completed"); // a second attempt

    AuditResult result = audit(view("completed", null, counters()), List.of(), false);

    assertThat(result.violations())
        .contains(
            "attempt http://w/plivo/answer/call0?campaignId=c1&callId=call0 rang 2 times",
            "+14155550000 rang 3 times (at most 1)");
  }

  @Test
  void moreCallsInOneSecondThanTheAccountsLimitAreFound() throws IOException {
    for (int i = 0; i < 6; i++) {
      placed("call" + i, "+1415555000" + i, T0.plusMillis(150L * i), "completed");
    }

    AuditResult result = audit(view("completed", null, counters()), List.of(), false);

    assertThat(result.violations()).containsExactly("6 calls in one second, over the account's 5");
  }

  @Test
  void aCallAfterAnAcknowledgedPauseIsFoundButNotOneAfterTheResume() throws IOException {
    placed("call0", "+14155550000", T0, "completed");
    placed("call1", "+14155550001", T0.plusSeconds(2), "completed"); // paused
    placed("call2", "+14155550002", T0.plusSeconds(5), "completed"); // resumed
    var quiet = new AuditedCampaign.Quiet("pause", T0.plusSeconds(1), T0.plusSeconds(4));

    AuditResult result = audit(view("completed", null, counters()), List.of(quiet), false);

    assertThat(result.violations())
        .containsExactly(
            "+14155550001 was placed at 2026-12-01T10:00:02Z, after the pause acknowledged at"
                + " 2026-12-01T10:00:01Z");
    assertThat(result.counts()).containsEntry("calls after pause/cancel", 1L);
  }

  @Test
  void countersThatDifferFromTheRecountAreFound() throws IOException {
    placed("call0", "+14155550000", T0, "completed");
    placed("call1", "+14155550001", T0.plusSeconds(1), "busy");
    Map<String, Long> wrong = new TreeMap<>(Map.of("completed", 2L));

    AuditResult result = audit(view("completed", null, progress(2, 0, wrong)), List.of(), false);

    assertThat(result.violations())
        .containsExactly(
            "campaign c1 attemptsByStatus: counters {completed=2}, recount {busy=1, completed=1}",
            "campaign c1 byStatus: counters {completed=2}, recount {busy=1, completed=1}");
  }

  @Test
  void aRingTheCampaignDoesNotListAndASendThatNeverArrivedAreFound() throws IOException {
    placed("call0", "+14155550000", T0, "completed");
    request("ghost", "+14155550001", T0.plusSeconds(1), true); // no such attempt
    call("lost", "+14155550002", "unknown", T0.plusSeconds(2)); // sent, never received

    AuditResult result = audit(view("completed", null, counters()), List.of(), true);

    assertThat(result.violations())
        .contains(
            "+14155550001 rang for call ghost, which the campaign does not list",
            "call lost to +14155550002 was sent (unknown, null) but never reached the simulator");
  }

  @Test
  void aCampaignLeftRunningOrFailedWithoutAReasonFails() throws IOException {
    placed("call0", "+14155550000", T0, "completed");

    assertThat(audit(view("running", null, counters()), List.of(), false).violations())
        .containsExactly("campaign c1 ended running (reason null, 1 calls), expected FINISHED");
    assertThat(audit(view("failed", "", counters()), List.of(), false).violations())
        .containsExactly("campaign c1 ended failed (reason \"\", 1 calls), expected FINISHED");
    assertThat(audit(view("failed", "Plivo refused", counters()), List.of(), false).passed())
        .isTrue();
  }

  private AuditResult audit(JsonNode view, List<AuditedCampaign.Quiet> quiet, boolean received)
      throws IOException {
    Path log = dir.resolve("audit-" + System.nanoTime() + ".jsonl");
    List<String> all = new ArrayList<>();
    all.add("{\"event\":\"start\",\"at\":\"" + T0 + "\",\"version\":1,\"authId\":\"MA\"}");
    all.addAll(lines);
    Files.write(log, all);
    var campaign =
        new AuditedCampaign(CAMPAIGN, view, calls, quiet, 1, AuditedCampaign.Ending.FINISHED);
    return Audit.of(AuditLog.read(log), 5, T0, T0.plusSeconds(60), List.of(campaign), received);
  }

  /** An attempt the campaign lists, placed by the simulator. */
  private void placed(String callId, String to, Instant at, String status) {
    call(callId, to, status, at);
    request(callId, to, at, true);
  }

  private void call(String callId, String to, String status, Instant dialedAt) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("callId", callId);
    call.put("contactId", "contact-" + to);
    call.put("attempt", calls.stream().filter(c -> c.get("to").asString().equals(to)).count() + 1);
    call.put("status", status);
    call.put("to", to);
    call.put("dialedAt", dialedAt.toString());
    call.put("error", null);
    calls.add(JSON.valueToTree(call));
  }

  private void request(String callId, String to, Instant at, boolean placed) {
    requests++;
    String url =
        "http://w/plivo/answer/" + callId + "?campaignId=" + CAMPAIGN + "&callId=" + callId;
    String placedCalls =
        placed
            ? "[{\"callUuid\":\"u"
                + requests
                + "\",\"requestUuid\":\"r"
                + requests
                + "\",\"to\":\""
                + to
                + "\",\"outcome\":\"answered\",\"machine\":null,\"placedAt\":\""
                + at
                + "\"}]"
            : "[]";
    lines.add(
        "{\"event\":\"request\",\"request\":"
            + requests
            + ",\"receivedAt\":\""
            + at
            + "\",\"from\":\"+918035735659\",\"to\":[\""
            + to
            + "\"],\"answerUrl\":\""
            + url
            + "\",\"hangupUrl\":null,\"fault\":null,\"status\":201,\"placed\":"
            + placed
            + ",\"calls\":"
            + placedCalls
            + "}");
  }

  /** The counters the calls so far would give. */
  private Map<String, Object> counters() {
    Map<String, Long> byStatus =
        calls.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.get("status").asString(), TreeMap::new, Collectors.counting()));
    long contacts = calls.stream().map(c -> c.get("contactId").asString()).distinct().count();
    Map<String, Long> latest =
        calls.stream()
            .collect(Collectors.toMap(c -> c.get("contactId").asString(), c -> c, (a, b) -> b))
            .values()
            .stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.get("status").asString(), TreeMap::new, Collectors.counting()));
    Map<String, Object> progress = progress(contacts, calls.size(), byStatus);
    progress.put("byStatus", latest);
    return progress;
  }

  private static Map<String, Object> progress(
      long contacts, long attempts, Map<String, Long> byStatus) {
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("totalContacts", contacts);
    progress.put("notCalled", 0);
    progress.put("byStatus", byStatus);
    progress.put(
        "attempts",
        attempts == 0 ? byStatus.values().stream().mapToLong(Long::longValue).sum() : attempts);
    progress.put("attemptsByStatus", byStatus);
    return progress;
  }

  private static JsonNode view(String status, String reason, Map<String, Object> progress) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", CAMPAIGN);
    view.put("status", status);
    view.put("failureReason", reason);
    view.put("callingWindow", null);
    view.put("progress", progress);
    return JSON.valueToTree(view);
  }
}
