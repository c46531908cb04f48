package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.simulator.audit.AuditLog;
import com.voicecampaigns.simulator.audit.AuditedCall;
import com.voicecampaigns.simulator.audit.AuditedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTests {

  private static final String XML_OF_CAMPAIGN_C1 =
      "<Response><Stream extraHeaders=\"campaignId=c1,contactId=k1,callId=a1\">wss://bot</Stream>"
          + "</Response>";

  @TempDir Path dir;

  private final CallbackReceiver worker = CallbackReceiver.start();
  private PlivoSimulator simulator;

  @AfterEach
  void close() {
    if (simulator != null) {
      simulator.close();
    }
    worker.close();
  }

  private void start(Path log) {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(20))
                .withCallDuration(Duration.ofMillis(50))
                .withAuditLog(log));
  }

  private void makeCall(String to, String callId) {
    SimulatorHttp.makeCall(
        simulator,
        to,
        worker.url("/plivo/answer/" + callId),
        Map.of("hangup_url", worker.url("/plivo/hangup/" + callId)));
  }

  @Test
  void everyRequestAnswerCallbackAndEndIsLoggedAndReadBack() {
    Path log = dir.resolve("audit.jsonl");
    start(log);
    worker.respondWith("/plivo/answer/a1", XML_OF_CAMPAIGN_C1);
    makeCall("+14155550100", "a1");
    simulator.failNext(Fault.parse("504-after-placing"));
    makeCall("+14155550101", "a2");
    simulator.failNext(500, 1);
    makeCall("+14155550102", "a3");
    await()
        .until(
            () ->
                simulator.calls().stream()
                    .filter(SimulatedCall::placed)
                    .allMatch(SimulatedCall::finished));

    AuditLog audit = AuditLog.read(log);

    assertThat(audit.tornLastLine()).isFalse();
    assertThat(audit.requests())
        .extracting(
            AuditedRequest::request,
            AuditedRequest::status,
            AuditedRequest::fault,
            AuditedRequest::placed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 201, null, true),
            org.assertj.core.groups.Tuple.tuple(2L, 504, "504-after-placing", true),
            org.assertj.core.groups.Tuple.tuple(3L, 500, "500", false));
    AuditedRequest first = audit.requests().get(0);
    assertThat(first.from()).isEqualTo("+14155550000");
    assertThat(first.to()).containsExactly("+14155550100");
    assertThat(first.answerUrl()).isEqualTo(worker.url("/plivo/answer/a1"));
    assertThat(first.hangupUrl()).isEqualTo(worker.url("/plivo/hangup/a1"));
    assertThat(first.delivered()).isTrue();
    assertThat(first.respondedAt()).isAfterOrEqualTo(first.receivedAt());
    AuditedCall call = first.calls().get(0);
    SimulatedCall simulated = simulator.callsTo("+14155550100").get(0);
    assertThat(call.callUuid()).isEqualTo(simulated.callUuid());
    assertThat(call.requestUuid()).isEqualTo(simulated.requestUuid());
    assertThat(call.outcome()).isEqualTo("answered");
    assertThat(call.endedAt()).isNotNull();
    assertThat(call.callbacks()).extracting(c -> c.kind()).containsExactly("answer", "hangup");
    assertThat(call.callbacks("answer").get(0).body()).isEqualTo(XML_OF_CAMPAIGN_C1);
    assertThat(call.callbacks("hangup").get(0).delivered()).isTrue();

    assertThat(audit.callsPerNumber())
        .containsOnly(Map.entry("14155550100", 1L), Map.entry("14155550101", 1L));
    assertThat(audit.callsPerAnswerUrl()).containsValues(1L, 1L).hasSize(2);
    assertThat(audit.callsPerCampaign()).containsOnly(Map.entry("c1", 1L));
    assertThat(audit.callsWithoutCampaign()).isEqualTo(1);
    assertThat(audit.maxCallsInAnyWindow(Duration.ofMinutes(1))).isEqualTo(2);
  }

  @Test
  void aCampaignIdInTheAnswerUrlQueryCountsUnansweredCallsToo() {
    Path log = dir.resolve("audit.jsonl");
    start(log);
    simulator.forceOutcome("+14155550100", CallOutcome.BUSY);
    SimulatorHttp.makeCall(
        simulator, "+14155550100", worker.url("/plivo/answer/a1?campaignId=c7"), Map.of());
    SimulatorHttp.makeCall(
        simulator, "+14155550100", worker.url("/plivo/answer/a2?campaignId=c7"), Map.of());
    await().until(() -> simulator.calls().stream().allMatch(SimulatedCall::finished));

    AuditLog audit = AuditLog.read(log);

    assertThat(audit.callsPerCampaign()).containsOnly(Map.entry("c7", 2L));
    assertThat(audit.callsPerNumber()).containsOnly(Map.entry("14155550100", 2L));
    assertThat(audit.maxConcurrentCalls()).isBetween(1, 2);
  }

  @Test
  void aRestartAppendsANewRunAndRequestNumbersDoNotMix() {
    Path log = dir.resolve("audit.jsonl");
    start(log);
    makeCall("+14155550100", "a1");
    simulator.close();
    start(log);
    makeCall("+14155550101", "a2");
    await().until(() -> simulator.calls().get(0).finished());
    simulator.close();
    simulator = null;

    AuditLog audit = AuditLog.read(log);

    assertThat(audit.requests())
        .extracting(AuditedRequest::run, AuditedRequest::request)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 1L), org.assertj.core.groups.Tuple.tuple(2, 1L));
    assertThat(audit.requests().get(1).calls().get(0).to()).isEqualTo("+14155550101");
    assertThat(audit.requests().get(1).calls().get(0).callbacks("answer")).hasSize(1);
  }

  @Test
  void callsRefusedByTheConcurrentCallLimitNeverRangAndAreNotCounted() {
    Path log = dir.resolve("audit.jsonl");
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofHours(1))
                .withMaxConcurrentCalls(1)
                .withAuditLog(log));
    makeCall("+14155550100", "a1");
    makeCall("+14155550101", "a2");
    await().until(() -> simulator.callsTo("+14155550101").get(0).finished());

    AuditLog audit = AuditLog.read(log);

    assertThat(audit.placedCalls()).hasSize(2);
    assertThat(audit.placedCalls().get(1).mayHaveRung()).isFalse();
    assertThat(audit.callsPerNumber()).containsOnlyKeys("14155550100");
  }

  @Test
  void aTornLastLineIsSkippedButACorruptLineInTheMiddleIsAnError() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    start(log);
    makeCall("+14155550100", "a1");
    await().until(() -> simulator.calls().get(0).finished());
    simulator.close();
    simulator = null;
    Files.writeString(
        log,
        "{\"event\":\"request\",\"requ",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    AuditLog torn = AuditLog.read(log);
    assertThat(torn.tornLastLine()).isTrue();
    assertThat(torn.requests()).hasSize(1);

    Files.writeString(
        log,
        "\n{\"event\":\"start\"}\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> AuditLog.read(log))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not JSON");
  }

  /** The point of the file: an auditor reads it after the simulator was killed. */
  @Test
  void everyLineWrittenBeforeASigkillIsThere() throws Exception {
    Path log = dir.resolve("killed.jsonl");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PlivoSimulatorMain.class.getName(),
                "--port",
                Integer.toString(port),
                "--ring-delay",
                "1h",
                "--audit-log",
                log.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("simulator.out").toFile())
            .start();
    try {
      String url = "http://127.0.0.1:" + port;
      await()
          .atMost(Duration.ofSeconds(30))
          .failFast("the simulator exited", () -> !process.isAlive())
          .ignoreExceptions()
          .until(() -> get(url + "/health") == 200);
      for (int i = 0; i < 5; i++) {
        assertThat(post(url, "+1415555020" + i)).isEqualTo(201);
      }
    } finally {
      process.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    AuditLog audit = AuditLog.read(log);

    assertThat(audit.placedCalls())
        .extracting(AuditedCall::to)
        .containsExactly(
            "+14155550200", "+14155550201", "+14155550202", "+14155550203", "+14155550204");
  }

  private static int get(String url) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int post(String baseUrl, String to) throws Exception {
    String credentials = SimulatorConfig.DEFAULT_AUTH_ID + ":" + SimulatorConfig.DEFAULT_AUTH_TOKEN;
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        baseUrl + "/v1/Account/" + SimulatorConfig.DEFAULT_AUTH_ID + "/Call/"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"from\":\"+14155550000\",\"to\":[\""
                            + to
                            + "\"],\"answer_url\":\"https://w.example/a\"}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void anAuditLogInADirectoryThatCannotBeCreatedFailsTheStart() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    assertThatThrownBy(() -> start(file.resolve("audit.jsonl")))
        .isInstanceOf(SimulatorStartException.class)
        .hasMessageContaining("cannot open the audit log");
    List<Path> left = Files.list(dir).toList();
    assertThat(left).containsExactly(file);
  }
}
