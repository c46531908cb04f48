package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.exceptions.ServerException;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTests {

  private final PlivoSimulator simulator =
      PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofHours(1)));
  private final List<String> requestedUrls = new CopyOnWriteArrayList<>();
  private final PlivoClient client =
      PlivoClients.pointedAt(
          simulator,
          simulator.authId(),
          simulator.authToken(),
          requestedUrls,
          Duration.ofSeconds(5));

  @AfterEach
  void close() {
    simulator.close();
  }

  private CallCreateResponse create(PlivoClient client) throws Exception {
    return Call.creator("+14155550000", List.of("+14155550100"), "https://w.example/answer")
        .hangupUrl("https://w.example/hangup")
        .client(client)
        .create();
  }

  @Test
  void on500PlivoJavaPostsThreeTimesToApiPlivoComThenThrowsServerException() {
    simulator.failNext(500, 3);

    assertThatThrownBy(() -> create(client))
        .isInstanceOf(ServerException.class)
        .hasMessageContaining("internal error");

    // plivo-java's VoiceCreator: the base URL, then fallback 1, then fallback 2, all on any 5xx.
    assertThat(simulator.calls())
        .hasSize(3)
        .allSatisfy(call -> assertThat(call.responseStatus()).isEqualTo(500))
        .allSatisfy(call -> assertThat(call.to()).isEqualTo("+14155550100"));
    String callUrl = "https://api.plivo.com/v1/Account/" + simulator.authId() + "/Call/";
    assertThat(requestedUrls).containsExactly(callUrl, callUrl, callUrl);
  }

  @Test
  void aSingle500IsHiddenByPlivoJavasFallbackRePost() throws Exception {
    simulator.failNext(500, 1);

    CallCreateResponse response = create(client);

    assertThat(simulator.calls())
        .extracting(SimulatedCall::responseStatus)
        .containsExactly(500, 201);
    assertThat(simulator.calls().get(1).requestUuid()).isEqualTo(response.getRequestUuid());
  }

  @Test
  void on429PlivoJavaThrowsAfterOnePost() {
    simulator.failNext(429, 1);

    assertThatThrownBy(() -> create(client))
        .isInstanceOf(PlivoRestException.class)
        .isNotInstanceOf(ServerException.class)
        .hasMessageContaining("too many requests");

    assertThat(simulator.calls()).extracting(SimulatedCall::responseStatus).containsExactly(429);
    assertThat(simulator.maxCallsInAnyWindow(Duration.ofMinutes(1))).isZero();
  }

  @Test
  void faultBodyIsSentVerbatimAndFaultsApplyInOrder() throws Exception {
    simulator.failNext(Fault.of(429, 1).withBody("{\"api_id\":\"x\",\"error\":\"slow down\"}"));
    simulator.failNext(503, 3);

    assertThatThrownBy(() -> create(client)).hasMessageContaining("slow down");
    assertThatThrownBy(() -> create(client)).hasMessageContaining("service unavailable");
    CallCreateResponse response = create(client);

    assertThat(response.getRequestUuid()).isNotBlank();
    assertThat(simulator.calls())
        .extracting(SimulatedCall::responseStatus)
        .containsExactly(429, 503, 503, 503, 201);
    assertThat(simulator.pendingFaults()).isEmpty();
  }

  @Test
  void delayedFaultTimesTheClientOutAndIsStillRecorded() {
    PlivoClient impatient =
        PlivoClients.pointedAt(
            simulator, simulator.authId(), simulator.authToken(), null, Duration.ofMillis(200));
    simulator.failNext(Fault.of(500, 1).withDelay(Duration.ofMillis(800)));

    assertThatThrownBy(() -> create(impatient)).isInstanceOf(IOException.class);

    await().until(() -> simulator.calls().size() == 1);
    assertThat(simulator.calls().get(0).responseStatus()).isEqualTo(500);
  }

  @Test
  void delayOnlyFaultPlacesTheCallEvenWhenTheClientGaveUp() {
    PlivoClient impatient =
        PlivoClients.pointedAt(
            simulator, simulator.authId(), simulator.authToken(), null, Duration.ofMillis(200));
    simulator.failNext(Fault.delayOnly(Duration.ofMillis(800), 1));

    assertThatThrownBy(() -> create(impatient)).isInstanceOf(IOException.class);

    await().until(() -> simulator.calls().size() == 1);
    assertThat(simulator.calls().get(0).accepted()).isTrue();
    assertThat(simulator.calls().get(0).requestUuid()).isNotBlank();
  }
}
