package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.plivo.api.models.call.Call;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LatencyTests {

  private final CallbackReceiver worker = CallbackReceiver.start();
  private PlivoSimulator simulator;

  @AfterEach
  void close() {
    if (simulator != null) {
      simulator.close();
    }
    worker.close();
  }

  private static Duration answerTime(SimulatedCall call) {
    return Duration.between(call.receivedAt(), call.respondedAt());
  }

  @Test
  void makeCallAnswersAfterTheLatencyButPlacesTheCallAtOnce() throws Exception {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withLatency(Duration.ofMillis(400), Duration.ZERO)
                .withRingDelay(Duration.ZERO));

    long started = System.nanoTime();
    String requestUuid =
        Call.creator("+14155550000", List.of("+14155550100"), worker.url("/answer"))
            .client(PlivoClients.pointedAt(simulator))
            .create()
            .getRequestUuid();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    SimulatedCall call = simulator.calls().get(0);
    assertThat(call.requestUuid()).isEqualTo(requestUuid);
    assertThat(answerTime(call)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    // placed first, then the answer waited the whole latency
    assertThat(Duration.between(call.placedAt(), call.respondedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    // the call went ahead while the answer waited: it was answered before Make Call answered
    assertThat(call.answeredAt()).isBefore(call.respondedAt());
  }

  @Test
  void jitterSpreadsTheWaitsUniformlyAroundTheLatencyAndRepeatsWithTheSeed() {
    ApiBehaviour api =
        ApiBehaviour.defaults().withLatency(Duration.ofMillis(200), Duration.ofMillis(100));
    ResponseLatency latency = new ResponseLatency(api, 7);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      waits.add(latency.next());
    }

    assertThat(waits)
        .allSatisfy(
            wait -> assertThat(wait).isBetween(Duration.ofMillis(100), Duration.ofMillis(300)));
    assertThat(waits.stream().filter(wait -> wait.toMillis() < 150).count()).isBetween(200L, 300L);
    assertThat(waits.stream().filter(wait -> wait.toMillis() >= 250).count()).isBetween(200L, 300L);
    ResponseLatency again = new ResponseLatency(api, 7);
    assertThat(again.next()).isEqualTo(waits.get(0));
  }

  @Test
  void jitteredAnswersNeverComeBeforeLatencyMinusJitter() {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withLatency(Duration.ofMillis(200), Duration.ofMillis(100))
                .withRingDelay(Duration.ofHours(1)));

    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(
          SimulatorHttp.makeCallAsync(
              simulator, "+1415555" + (1000 + i), "https://w.example/a", Map.of()));
    }
    answers.forEach(answer -> assertThat(answer.join().statusCode()).isEqualTo(201));

    assertThat(simulator.calls())
        .hasSize(20)
        .allSatisfy(
            call -> assertThat(answerTime(call)).isGreaterThanOrEqualTo(Duration.ofMillis(100)));
  }

  @Test
  void waitingAnswersHoldNoThreadSoManyWaitAtOnce() {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withServerThreads(1)
                .withLatency(Duration.ofMillis(1000), Duration.ZERO)
                .withRingDelay(Duration.ofHours(1)));

    long started = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(
          SimulatorHttp.makeCallAsync(
              simulator, "+1415555" + (2000 + i), "https://w.example/a", Map.of()));
    }
    answers.forEach(answer -> assertThat(answer.join().statusCode()).isEqualTo(201));

    // one thread, 20 answers of 1 s each: together (one after the other would take 20 s)
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(simulator.calls()).hasSize(20);
  }

  @Test
  void latencyAppliesToRefusalsToo() {
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults().withLatency(Duration.ofMillis(300), Duration.ZERO));
    simulator.failNext(503, 1);

    HttpResponse<String> refused =
        SimulatorHttp.makeCall(simulator, "+14155550100", "https://w.example/a", Map.of());

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(answerTime(simulator.calls().get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void latencyChangesAtRunTimeOverTheAdminApi() {
    simulator = PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofHours(1)));

    HttpResponse<String> put =
        SimulatorHttp.admin(
            simulator, "PUT", "/__admin/latency", "{\"latencyMillis\":350,\"jitterMillis\":20}");

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(SimulatorHttp.json(put).get("latencyMillis").asLong()).isEqualTo(350);
    assertThat(simulator.latency()).isEqualTo(Duration.ofMillis(350));
    assertThat(simulator.latencyJitter()).isEqualTo(Duration.ofMillis(20));
    SimulatorHttp.makeCall(simulator, "+14155550100", "https://w.example/a", Map.of());
    assertThat(answerTime(simulator.calls().get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(330));

    assertThat(
            SimulatorHttp.admin(simulator, "PUT", "/__admin/latency", "{\"latencyMillis\":-1}")
                .statusCode())
        .isEqualTo(400);
    simulator.reset();
    assertThat(simulator.latency()).isZero();
    assertThat(
            SimulatorHttp.json(SimulatorHttp.admin(simulator, "GET", "/__admin/latency", null))
                .get("latencyMillis")
                .asLong())
        .isZero();
  }
}
