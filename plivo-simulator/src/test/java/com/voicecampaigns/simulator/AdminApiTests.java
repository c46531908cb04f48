package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminApiTests {

  private final PlivoSimulator simulator =
      PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofHours(1)));

  @AfterEach
  void close() {
    simulator.close();
  }

  private HttpResponse<String> admin(String method, String path, String body) {
    return SimulatorHttp.admin(simulator, method, path, body);
  }

  private HttpResponse<String> placeCall(String to) {
    return SimulatorHttp.send(
        simulator,
        "POST",
        SimulatorHttp.callPath(simulator),
        "application/json",
        "{\"from\":\"+14155550000\",\"to\":[\""
            + to
            + "\"],\"answer_url\":\"https://w.example/a\","
            + "\"hangup_url\":\"https://w.example/h\"}");
  }

  @Test
  void healthIsUp() {
    HttpResponse<String> response = admin("GET", "/health", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void callsListsEveryRequestWithItsDetails() {
    placeCall("+14155550100");
    simulator.failNext(500, 1);
    placeCall("+14155550101");

    JsonNode calls = SimulatorHttp.json(admin("GET", "/__admin/calls", null));

    assertThat(calls.size()).isEqualTo(2);
    JsonNode accepted = calls.get(0);
    assertThat(accepted.get("sequence").asInt()).isEqualTo(1);
    assertThat(accepted.get("requestUuid").asString()).isNotBlank();
    assertThat(accepted.get("callUuid").asString()).isNotBlank();
    assertThat(accepted.get("authId").asString()).isEqualTo(simulator.authId());
    assertThat(accepted.get("from").asString()).isEqualTo("+14155550000");
    assertThat(accepted.get("to").asString()).isEqualTo("+14155550100");
    assertThat(accepted.get("answerUrl").asString()).isEqualTo("https://w.example/a");
    assertThat(accepted.get("answerMethod").asString()).isEqualTo("POST");
    assertThat(accepted.get("hangupUrl").asString()).isEqualTo("https://w.example/h");
    assertThat(accepted.get("receivedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(accepted.get("responseStatus").asInt()).isEqualTo(201);
    assertThat(accepted.get("outcome").asString()).isEqualTo("answered");
    assertThat(accepted.get("callStatus").asString()).isEqualTo("queued");
    assertThat(accepted.get("hangupDelivered").asBoolean()).isFalse();
    assertThat(calls.get(1).get("responseStatus").asInt()).isEqualTo(500);
    assertThat(calls.get(1).get("requestUuid").isNull()).isTrue();

    JsonNode filtered = SimulatorHttp.json(admin("GET", "/__admin/calls?to=%2B14155550101", null));
    assertThat(filtered.size()).isEqualTo(1);
  }

  @Test
  void deletingCallsForgetsThem() {
    placeCall("+14155550100");

    HttpResponse<String> response = admin("DELETE", "/__admin/calls", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SimulatorHttp.json(response).get("cleared").asInt()).isEqualTo(1);
    assertThat(simulator.calls()).isEmpty();
  }

  @Test
  void faultsPostedOverHttpApplyToTheNextRequests() {
    HttpResponse<String> posted =
        admin(
            "POST",
            "/__admin/faults",
            "{\"status\":503,\"count\":2,\"body\":\"{\\\"error\\\":\\\"down\\\"}\",\"delayMillis\":0}");
    assertThat(posted.statusCode()).isEqualTo(201);
    assertThat(
            SimulatorHttp.json(admin("GET", "/__admin/faults", null)).get(0).get("count").asInt())
        .isEqualTo(2);

    HttpResponse<String> first = placeCall("+14155550100");
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.body()).isEqualTo("{\"error\":\"down\"}");
    assertThat(
            SimulatorHttp.json(admin("GET", "/__admin/faults", null)).get(0).get("count").asInt())
        .isEqualTo(1);

    admin("DELETE", "/__admin/faults", null);
    assertThat(placeCall("+14155550100").statusCode()).isEqualTo(201);
  }

  @Test
  void faultWithoutBodyAnswersAPlivoStyleError() {
    admin("POST", "/__admin/faults", "{\"status\":500}");

    HttpResponse<String> response = placeCall("+14155550100");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(SimulatorHttp.json(response).get("error").asString()).isEqualTo("internal error");
    assertThat(SimulatorHttp.json(response).get("api_id").asString()).isNotBlank();
  }

  @Test
  void outcomesCanBeReplacedAndRead() {
    HttpResponse<String> put =
        admin(
            "PUT",
            "/__admin/outcomes",
            "{\"answered\":0.7,\"busy\":0.1,\"no-answer\":0.1,\"failed\":0.1}");

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(simulator.outcomes().weight(CallOutcome.NO_ANSWER)).isEqualTo(0.1);
    JsonNode read = SimulatorHttp.json(admin("GET", "/__admin/outcomes", null));
    assertThat(read.get("answered").asDouble()).isEqualTo(0.7);
    assertThat(read.get("failed").asDouble()).isEqualTo(0.1);
  }

  @Test
  void invalidOutcomesAreRefusedWith400AndLeaveTheOldOnes() {
    HttpResponse<String> response = admin("PUT", "/__admin/outcomes", "{\"ringing\":1}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimulatorHttp.json(response).get("error").asString()).contains("ringing");
    assertThat(admin("PUT", "/__admin/outcomes", "not json").statusCode()).isEqualTo(400);
    assertThat(simulator.outcomes()).isEqualTo(OutcomeWeights.allAnswered());
  }

  @Test
  void forcedOutcomesCanBeSetOverHttp() {
    HttpResponse<String> put =
        admin("PUT", "/__admin/forced-outcomes", "{\"+14155550100\":\"busy\"}");

    assertThat(put.statusCode()).isEqualTo(200);
    placeCall("+14155550100");
    assertThat(simulator.calls().get(0).outcome()).isEqualTo(CallOutcome.BUSY);
    assertThat(
            SimulatorHttp.json(admin("GET", "/__admin/forced-outcomes", null))
                .get("14155550100")
                .asString())
        .isEqualTo("busy");
  }

  @Test
  void maxCallsInWindowIsAvailableOverHttp() {
    placeCall("+14155550100");
    placeCall("+14155550101");

    JsonNode body =
        SimulatorHttp.json(admin("GET", "/__admin/max-calls-in-window?window=10s", null));

    assertThat(body.get("windowMillis").asLong()).isEqualTo(10_000);
    assertThat(body.get("maxCalls").asInt()).isEqualTo(2);
  }

  @Test
  void resetRestoresTheStartState() {
    simulator.outcomes(OutcomeWeights.parse("busy=1"));
    simulator.failNext(500, 5);
    placeCall("+14155550100");

    assertThat(admin("POST", "/__admin/reset", null).statusCode()).isEqualTo(200);

    assertThat(simulator.calls()).isEmpty();
    assertThat(simulator.pendingFaults()).isEmpty();
    assertThat(simulator.outcomes()).isEqualTo(OutcomeWeights.allAnswered());
  }

  @Test
  void unknownRoutesAnswer404() {
    assertThat(admin("GET", "/__admin/nothing", null).statusCode()).isEqualTo(404);
    assertThat(admin("GET", "/elsewhere", null).statusCode()).isEqualTo(404);
    assertThat(
            SimulatorHttp.send(simulator, "GET", SimulatorHttp.callPath(simulator), null, null)
                .statusCode())
        .isEqualTo(405);
  }
}
