package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.AuthenticationException;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MakeCallApiTests {

  // Calls never progress past "queued" here: these tests are about the Make-Call API only.
  private final PlivoSimulator simulator =
      PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofHours(1)));

  @AfterEach
  void close() {
    simulator.close();
  }

  @Test
  void plivoJavaCreateGetsTheRequestUuidOfTheRecordedCall() throws Exception {
    PlivoClient client = PlivoClients.pointedAt(simulator);

    CallCreateResponse response =
        Call.creator("+14155550000", List.of("+14155550100"), "https://worker.example/answer")
            .answerMethod("POST")
            .hangupUrl("https://worker.example/hangup")
            .hangupMethod("POST")
            .ringTimeout(30L)
            .timeLimit(600L)
            .machineDetection("true")
            .client(client)
            .create();

    assertThat(response.getMessage()).isEqualTo("call fired");
    assertThat(response.getApiId()).isNotBlank();
    assertThat(simulator.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.requestUuid()).isEqualTo(response.getRequestUuid());
              assertThat(call.callUuid()).isNotBlank().isNotEqualTo(call.requestUuid());
              assertThat(call.responseStatus()).isEqualTo(201);
              assertThat(call.authId()).isEqualTo(simulator.authId());
              assertThat(call.from()).isEqualTo("+14155550000");
              assertThat(call.to()).isEqualTo("+14155550100");
              assertThat(call.answerUrl()).isEqualTo("https://worker.example/answer");
              assertThat(call.answerMethod()).isEqualTo("POST");
              assertThat(call.hangupUrl()).isEqualTo("https://worker.example/hangup");
              assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
              assertThat(call.callStatus()).isEqualTo("queued");
              assertThat(call.params())
                  .containsEntry("ring_timeout", "30")
                  .containsEntry("time_limit", "600")
                  .containsEntry("machine_detection", "true");
            });
  }

  @Test
  void wrongAuthTokenIsRefusedWith401AndPlivoJavaThrowsAuthenticationException() {
    PlivoClient client =
        PlivoClients.pointedAt(
            simulator, simulator.authId(), "wrong-token", null, Duration.ofSeconds(5));

    assertThatThrownBy(
            () ->
                Call.creator("+14155550000", List.of("+14155550100"), "https://w.example/a")
                    .client(client)
                    .create())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("authentication failed")
        .hasMessageContaining("api_id");
    assertThat(simulator.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.responseStatus()).isEqualTo(401);
              assertThat(call.requestUuid()).isNull();
              assertThat(call.accepted()).isFalse();
            });
  }

  @Test
  void authIdInThePathMustMatchTheCredentials() {
    HttpResponse<String> response =
        SimulatorHttp.send(
            simulator,
            "POST",
            "/v1/Account/MAOTHERACCOUNT000000/Call/",
            "application/json",
            "{\"from\":\"1\",\"to\":[\"2\"],\"answer_url\":\"https://w.example/a\"}");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(SimulatorHttp.json(response).get("error").asString()).isNotBlank();
  }

  @Test
  void missingCredentialsAreRefusedWith401() {
    HttpResponse<String> response =
        SimulatorHttp.send(
            simulator,
            "POST",
            SimulatorHttp.callPath(simulator),
            "application/json",
            "{\"from\":\"1\",\"to\":[\"2\"],\"answer_url\":\"https://w.example/a\"}",
            null,
            null);

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void missingMandatoryFieldsAreRefusedWith400NamingThem() {
    HttpResponse<String> response =
        SimulatorHttp.send(
            simulator,
            "POST",
            SimulatorHttp.callPath(simulator),
            "application/json",
            "{\"from\":\"1\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = SimulatorHttp.json(response);
    assertThat(body.get("api_id").asString()).isNotBlank();
    assertThat(body.get("error").asString()).contains("to").contains("answer_url");
    assertThat(simulator.calls())
        .singleElement()
        .extracting(SimulatedCall::responseStatus)
        .isEqualTo(400);
  }

  @Test
  void formBodyWithNumbersJoinedByLessThanPlacesOneCallPerNumber() {
    HttpResponse<String> response =
        SimulatorHttp.send(
            simulator,
            "POST",
            "/v1/Account/" + simulator.authId() + "/Call",
            "application/x-www-form-urlencoded",
            "from=14155550000&to=14155550101%3C14155550102&answer_url=https%3A%2F%2Fw.example%2Fa");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode requestUuids = SimulatorHttp.json(response).get("request_uuid");
    assertThat(requestUuids.isArray()).isTrue();
    assertThat(simulator.calls())
        .extracting(SimulatedCall::to, SimulatedCall::requestUuid)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("14155550101", requestUuids.get(0).asString()),
            org.assertj.core.groups.Tuple.tuple("14155550102", requestUuids.get(1).asString()));
  }

  @Test
  void singleNumberAnswersRequestUuidAsAString() {
    HttpResponse<String> response =
        SimulatorHttp.send(
            simulator,
            "POST",
            SimulatorHttp.callPath(simulator),
            "application/json",
            "{\"from\":\"1\",\"to\":\"+14155550100\",\"answer_url\":\"https://w.example/a\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(SimulatorHttp.json(response).get("request_uuid").isString()).isTrue();
    assertThat(simulator.callsTo("14155550100")).hasSize(1);
  }

  @Test
  void invalidJsonIsRefusedWith400() {
    HttpResponse<String> response =
        SimulatorHttp.send(
            simulator, "POST", SimulatorHttp.callPath(simulator), "application/json", "{\"from\":");

    assertThat(response.statusCode()).isEqualTo(400);
  }
}
