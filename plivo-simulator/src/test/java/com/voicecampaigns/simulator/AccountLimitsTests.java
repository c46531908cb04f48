package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.models.call.Call;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccountLimitsTests {

  private final CallbackReceiver worker = CallbackReceiver.start();
  private PlivoSimulator simulator;

  @AfterEach
  void close() {
    simulator.close();
    worker.close();
  }

  private HttpResponse<String> makeCall(String to) {
    return SimulatorHttp.makeCall(
        simulator,
        to,
        worker.url("/answer"),
        Map.of("hangup_url", worker.url("/hangup"), "ring_url", worker.url("/ring")));
  }

  @Test
  void overTheApiRequestLimitRequestsAnswer429WithPlivosErrorJsonUntilTheWindowMoves() {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofHours(1))
                .withApiRequestLimit(5, Duration.ofSeconds(2)));

    for (int i = 0; i < 5; i++) {
      assertThat(makeCall("+1415555010" + i).statusCode()).isEqualTo(201);
    }
    HttpResponse<String> refused = makeCall("+14155550199");

    assertThat(refused.statusCode()).isEqualTo(429);
    JsonNode error = SimulatorHttp.json(refused);
    assertThat(error.get("api_id").asString()).isNotBlank();
    assertThat(error.get("error").asString())
        .isEqualTo("too many requests: over 5 requests per 2s");
    SimulatedCall call = simulator.callsTo("+14155550199").get(0);
    assertThat(call.placed()).isFalse();
    assertThat(call.fault()).isEqualTo("api-rate-limit");

    await().atMost(Duration.ofSeconds(5)).until(() -> makeCall("+14155550198").statusCode() == 201);
    assertThat(simulator.maxCallsInAnyWindow(Duration.ofSeconds(2))).isLessThanOrEqualTo(5);
  }

  @Test
  void plivoJavaSeesThe429AsARestErrorAndSendsItOnce() {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofHours(1))
                .withApiRequestLimit(1, Duration.ofMinutes(1)));
    makeCall("+14155550100");

    assertThatThrownBy(
            () ->
                Call.creator("+14155550000", List.of("+14155550101"), "https://w.example/a")
                    .client(PlivoClients.pointedAt(simulator))
                    .create())
        .isInstanceOf(PlivoRestException.class)
        .hasMessageContaining("too many requests");
    assertThat(simulator.callsTo("+14155550101")).hasSize(1);
  }

  @Test
  void overTheConcurrentCallLimitACallFailsAtOnceUnrungWithCause5030() {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(20))
                .withCallDuration(Duration.ofHours(1))
                .withMaxConcurrentCalls(2));
    makeCall("+14155550100");
    makeCall("+14155550101");

    HttpResponse<String> third = makeCall("+14155550102");

    // Plivo takes the request; the call then fails without ringing
    assertThat(third.statusCode()).isEqualTo(201);
    await().until(() -> worker.callbacksTo("/hangup").size() == 1);
    CallbackReceiver.Callback hangup = worker.callbacksTo("/hangup").get(0);
    assertThat(hangup.params())
        .containsEntry("To", "+14155550102")
        .containsEntry("CallStatus", "failed")
        .containsEntry("HangupCauseCode", "5030")
        .containsEntry("HangupCauseName", "Concurrency Limit Breached")
        .containsEntry("HangupSource", "Plivo")
        .containsEntry("Duration", "0");
    assertThat(worker.callbacks())
        .filteredOn(callback -> "+14155550102".equals(callback.param("To")))
        .extracting(CallbackReceiver.Callback::path)
        .containsExactly("/hangup");
    assertThat(simulator.callsTo("+14155550102").get(0).outcome())
        .isEqualTo(CallOutcome.CONCURRENCY_LIMIT);
    assertThat(simulator.activeCalls()).isEqualTo(2);
    assertThat(simulator.maxActiveCalls()).isEqualTo(2);
  }

  @Test
  void aCallThatEndsFreesItsPlaceUnderTheConcurrentCallLimit() {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(20))
                .withCallDuration(Duration.ofMillis(300))
                .withMaxConcurrentCalls(1));
    makeCall("+14155550100");
    await().until(() -> simulator.activeCalls() == 0);

    makeCall("+14155550101");

    await().until(() -> simulator.callsTo("+14155550101").get(0).finished());
    assertThat(simulator.callsTo("+14155550101").get(0).outcome()).isEqualTo(CallOutcome.ANSWERED);
  }

  @Test
  void limitsChangeAtRunTimeOverTheAdminApi() {
    simulator = PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofHours(1)));

    HttpResponse<String> put =
        SimulatorHttp.admin(
            simulator,
            "PUT",
            "/__admin/limits",
            "{\"apiRequests\":300,\"apiWindowMillis\":5000,\"maxConcurrentCalls\":50}");

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(simulator.limits()).isEqualTo(new AccountLimits(300, Duration.ofSeconds(5), 50));
    JsonNode read =
        SimulatorHttp.json(SimulatorHttp.admin(simulator, "GET", "/__admin/limits", null));
    assertThat(read.get("apiRequests").asInt()).isEqualTo(300);
    assertThat(read.get("apiWindowMillis").asLong()).isEqualTo(5000);
    assertThat(read.get("maxConcurrentCalls").asInt()).isEqualTo(50);
    makeCall("+14155550100");
    JsonNode active =
        SimulatorHttp.json(SimulatorHttp.admin(simulator, "GET", "/__admin/active-calls", null));
    assertThat(active.get("active").asInt()).isEqualTo(1);

    assertThat(
            SimulatorHttp.admin(simulator, "PUT", "/__admin/limits", "{\"maxConcurrentCalls\":-1}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            SimulatorHttp.admin(
                    simulator,
                    "PUT",
                    "/__admin/limits",
                    "{\"apiRequests\":10,\"apiWindowMillis\":0}")
                .statusCode())
        .isEqualTo(400);
    simulator.reset();
    assertThat(simulator.limits()).isEqualTo(AccountLimits.none());
  }
}
