package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plivo.api.PlivoClient;
import com.plivo.api.models.call.Call;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Faults that leave the client unsure whether a call was placed, and those that are sure. */
class FaultKindsTests {

  private static final String TO = "+14155550100";

  private final CallbackReceiver worker = CallbackReceiver.start();
  private PlivoSimulator simulator =
      PlivoSimulator.start(
          SimulatorConfig.defaults()
              .withRingDelay(Duration.ofMillis(20))
              .withCallDuration(Duration.ofMillis(50)));

  @AfterEach
  void close() {
    simulator.close();
    worker.close();
  }

  private Map<String, Object> callbacks() {
    return Map.of("hangup_url", worker.url("/hangup"));
  }

  private HttpResponse<String> makeCall() {
    return SimulatorHttp.makeCall(simulator, TO, worker.url("/answer"), callbacks());
  }

  private void awaitHangupDelivered() {
    await().until(() -> worker.callbacksTo("/hangup").size() == 1);
  }

  @Test
  void fiveOhFourAfterPlacingAnswers504ButTheCallExistsAndItsCallbacksAreSent() {
    simulator.failNext(Fault.parse("504-after-placing"));

    HttpResponse<String> response = makeCall();

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(SimulatorHttp.json(response).get("error").asString()).isEqualTo("gateway timeout");
    SimulatedCall call = simulator.calls().get(0);
    assertThat(call.placed()).isTrue();
    assertThat(call.accepted()).isFalse();
    assertThat(call.fault()).isEqualTo("504-after-placing");
    assertThat(call.requestUuid()).isNotBlank();
    awaitHangupDelivered();
    assertThat(worker.callbacksTo("/answer").get(0).param("CallUUID")).isEqualTo(call.callUuid());
  }

  @Test
  void plivoJavasFallbackRePostAfterA504ThatPlacedTheCallRingsThePhoneTwice() throws Exception {
    simulator.failNext(Fault.afterPlacing(504, 1));

    Call.creator("+14155550000", List.of(TO), worker.url("/answer"))
        .client(PlivoClients.pointedAt(simulator))
        .create();

    assertThat(simulator.callsTo(TO))
        .extracting(SimulatedCall::responseStatus, SimulatedCall::placed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(504, true),
            org.assertj.core.groups.Tuple.tuple(201, true));
  }

  @Test
  void timeoutAfterPlacingHoldsPastTheReadTimeoutThenClosesAndTheCallGoesAhead() {
    PlivoClient impatient =
        PlivoClients.pointedAt(
            simulator, simulator.authId(), simulator.authToken(), null, Duration.ofMillis(300));
    simulator.failNext(Fault.parse("timeout-after-placing").withDelay(Duration.ofMillis(1200)));

    assertThatThrownBy(
            () ->
                Call.creator("+14155550000", List.of(TO), worker.url("/answer"))
                    .hangupUrl(worker.url("/hangup"))
                    .client(impatient)
                    .create())
        .isInstanceOf(InterruptedIOException.class);

    awaitHangupDelivered();
    await().until(() -> simulator.calls().get(0).respondedAt() != null);
    SimulatedCall call = simulator.calls().get(0);
    assertThat(call.placed()).isTrue();
    assertThat(call.responseStatus()).isEqualTo(-1);
    assertThat(Duration.between(call.receivedAt(), call.respondedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1200));
  }

  @Test
  void aTimeoutWithoutADelayOfItsOwnHoldsForTheConfiguredFaultHold() {
    simulator.close();
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofHours(1))
                .withFaultHold(Duration.ofMillis(800)));
    simulator.failNext(Fault.parse("timeout"));

    assertThatThrownBy(this::makeCall).hasCauseInstanceOf(IOException.class);

    SimulatedCall call = simulator.calls().get(0);
    assertThat(call.placed()).isFalse();
    assertThat(Duration.between(call.receivedAt(), call.respondedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(800));
  }

  @ParameterizedTest
  @ValueSource(strings = {"close-after-placing", "close"})
  void closeAfterReadingTheRequestEndsTheStreamPlacedOrNot(String fault) throws Exception {
    simulator.failNext(Fault.parse(fault));
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    String body =
        JsonMapper.builder()
            .build()
            .writeValueAsString(
                Map.of(
                    "from", "+14155550000",
                    "to", List.of(TO),
                    "answer_url", worker.url("/answer"),
                    "hangup_url", worker.url("/hangup")));
    Request request =
        new Request.Builder()
            .url(simulator.baseUrl() + SimulatorHttp.callPath(simulator))
            .header(
                "Authorization",
                okhttp3.Credentials.basic(simulator.authId(), simulator.authToken()))
            .post(RequestBody.create(body, MediaType.get("application/json")))
            .build();

    assertThatThrownBy(() -> client.newCall(request).execute().close())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unexpected end of stream");

    boolean placed = fault.endsWith("-after-placing");
    SimulatedCall call = simulator.calls().get(0);
    assertThat(call.placed()).isEqualTo(placed);
    assertThat(call.responseStatus()).isEqualTo(-1);
    if (placed) {
      awaitHangupDelivered();
    } else {
      assertNoCallbacks();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 429, 503})
  void errorsWithoutPlacingAnswerPlivosErrorJsonAndPlaceNothing(int status) {
    simulator.failNext(Fault.of(status, 1));

    HttpResponse<String> response = makeCall();

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(SimulatorHttp.json(response).get("api_id").asString()).isNotBlank();
    assertThat(simulator.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.placed()).isFalse();
              assertThat(call.fault()).isEqualTo(Integer.toString(status));
            });
    assertNoCallbacks();
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage-after-placing", "garbage"})
  void garbageAnswers200WithABodyNoJsonParserReads(String fault) {
    simulator.failNext(Fault.parse(fault));

    HttpResponse<String> response = makeCall();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> JsonMapper.builder().build().readTree(response.body()))
        .isInstanceOf(JacksonException.class);
    assertThat(simulator.calls().get(0).placed()).isEqualTo(fault.endsWith("-after-placing"));
  }

  @Test
  void plivoJavaCannotReadTheGarbageAndThrows() {
    simulator.failNext(Fault.parse("garbage-after-placing"));

    assertThatThrownBy(
            () ->
                Call.creator("+14155550000", List.of(TO), worker.url("/answer"))
                    .client(PlivoClients.pointedAt(simulator))
                    .create())
        .isInstanceOf(IOException.class);
    assertThat(simulator.callsTo(TO))
        .singleElement()
        .extracting(SimulatedCall::placed)
        .isEqualTo(true);
  }

  @Test
  void faultSharesHitAShareOfRequestsTheSameWayForTheSameSeed() {
    List<Integer> first = statusesUnderShares();
    simulator.close();
    simulator = PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofHours(1)));
    List<Integer> second = statusesUnderShares();

    assertThat(first).isEqualTo(second);
    assertThat(first.stream().filter(status -> status == 504).count()).isBetween(18L, 42L);
    assertThat(first.stream().filter(status -> status == 429).count()).isBetween(10L, 32L);
    assertThat(first.stream().filter(status -> status == 201).count()).isBetween(30L, 70L);
    long placed = simulator.calls().stream().filter(SimulatedCall::placed).count();
    assertThat(placed).isEqualTo(first.stream().filter(status -> status != 429).count());
  }

  private List<Integer> statusesUnderShares() {
    simulator.faultShares(FaultShares.parse("504-after-placing=0.3,429=0.2"));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      statuses.add(
          SimulatorHttp.makeCall(
                  simulator, "+1415555" + (3000 + i), worker.url("/answer"), Map.of())
              .statusCode());
    }
    return statuses;
  }

  @Test
  void queuedFaultsComeBeforeTheShares() {
    simulator.faultShares(FaultShares.parse("500=1"));
    simulator.failNext(429, 1);

    assertThat(makeCall().statusCode()).isEqualTo(429);
    assertThat(makeCall().statusCode()).isEqualTo(500);
    simulator.faultShares(FaultShares.none());
    assertThat(makeCall().statusCode()).isEqualTo(201);
  }

  @Test
  void faultSharesAndNamedFaultsOverTheAdminApi() {
    HttpResponse<String> put =
        SimulatorHttp.admin(
            simulator, "PUT", "/__admin/fault-shares", "{\"504-after-placing\":0.5,\"close\":0.1}");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(simulator.faultShares().shares())
        .containsExactly(Map.entry("504-after-placing", 0.5), Map.entry("close", 0.1));
    assertThat(SimulatorHttp.admin(simulator, "GET", "/__admin/fault-shares", null).body())
        .isEqualTo("{\"504-after-placing\":0.5,\"close\":0.1}");
    assertThat(
            SimulatorHttp.admin(
                    simulator, "PUT", "/__admin/fault-shares", "{\"500\":0.8,\"429\":0.5}")
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> unknown =
        SimulatorHttp.admin(simulator, "PUT", "/__admin/fault-shares", "{\"explode\":0.1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(SimulatorHttp.json(unknown).get("error").asString())
        .contains("unknown fault 'explode'");

    HttpResponse<String> posted =
        SimulatorHttp.admin(
            simulator,
            "POST",
            "/__admin/faults",
            "{\"fault\":\"timeout-after-placing\",\"delayMillis\":400,\"count\":2}");
    assertThat(posted.statusCode()).isEqualTo(201);
    assertThat(simulator.pendingFaults())
        .singleElement()
        .satisfies(
            fault -> {
              assertThat(fault.kind()).isEqualTo(Fault.Kind.TIMEOUT);
              assertThat(fault.placesCall()).isTrue();
              assertThat(fault.count()).isEqualTo(2);
              assertThat(fault.delay()).isEqualTo(Duration.ofMillis(400));
            });
    assertThat(SimulatorHttp.json(posted).get("fault").asString())
        .isEqualTo("timeout-after-placing");
    assertThat(
            SimulatorHttp.admin(
                    simulator, "POST", "/__admin/faults", "{\"status\":200,\"placed\":true}")
                .statusCode())
        .isEqualTo(400);
  }

  private void assertNoCallbacks() {
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> worker.callbacks().isEmpty());
  }
}
