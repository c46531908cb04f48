package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorLifecycleTests {

  @Test
  void startsOnAFreePortAndExposesPlivoStyleApiUrl() {
    try (PlivoSimulator simulator = PlivoSimulator.start()) {
      assertThat(simulator.port()).isPositive();
      assertThat(simulator.apiUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1/");
      assertThat(simulator.authId()).startsWith("MA").hasSize(20);
    }
  }

  @Test
  void closeIsPromptFreesThePortAndDropsPendingCallbacks() throws Exception {
    CallbackReceiver worker = CallbackReceiver.start();
    PlivoSimulator simulator =
        PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofMillis(300)));
    int port = simulator.port();
    SimulatorHttp.send(
        simulator,
        "POST",
        SimulatorHttp.callPath(simulator),
        "application/x-www-form-urlencoded",
        "from=1&to=2&answer_url=" + worker.url("/answer"));

    long start = System.nanoTime();
    simulator.close();
    simulator.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    try (ServerSocket reuse =
        new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThat(reuse.getLocalPort()).isEqualTo(port);
    }
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(2))
        .until(() -> worker.callbacks().isEmpty());
    worker.close();
  }

  @Test
  void clearCallsAbandonsCallsInProgress() {
    CallbackReceiver worker = CallbackReceiver.start();
    try (PlivoSimulator simulator =
        PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofMillis(300)))) {
      SimulatorHttp.send(
          simulator,
          "POST",
          SimulatorHttp.callPath(simulator),
          "application/x-www-form-urlencoded",
          "from=1&to=2&answer_url=" + worker.url("/answer"));

      assertThat(simulator.clearCalls()).isEqualTo(1);

      await()
          .during(Duration.ofMillis(600))
          .atMost(Duration.ofSeconds(2))
          .until(() -> worker.callbacks().isEmpty());
    } finally {
      worker.close();
    }
  }

  @Test
  void portInUseFailsWithAMessageNamingThePort() {
    try (PlivoSimulator first = PlivoSimulator.start()) {
      SimulatorConfig taken = SimulatorConfig.defaults().withPort(first.port());

      assertThatThrownBy(() -> PlivoSimulator.start(taken))
          .isInstanceOf(SimulatorStartException.class)
          .hasMessage("port " + first.port() + " on 127.0.0.1 is already in use");
    }
  }

  @Test
  void mainPrintsOneLineAndStartsNothingWhenThePortIsInUse() {
    try (PlivoSimulator first = PlivoSimulator.start()) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      PlivoSimulator second =
          PlivoSimulatorMain.launch(
              new String[] {"--port", Integer.toString(first.port())},
              Map.of(),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      assertThat(second).isNull();
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "plivo-simulator: port "
                  + first.port()
                  + " on 127.0.0.1 is already in use"
                  + System.lineSeparator());
    }
  }

  @Test
  void mainStartsWithFlagsAndEnvironment() {
    PlivoSimulator simulator =
        PlivoSimulatorMain.launch(
            new String[] {"--port=0"},
            Map.of("PLIVO_AUTH_ID", "MAENVIRONMENT0000001", "PLIVO_AUTH_TOKEN", "env-token"),
            System.err);
    try (simulator) {
      assertThat(simulator).isNotNull();
      assertThat(simulator.authId()).isEqualTo("MAENVIRONMENT0000001");
      assertThat(SimulatorHttp.admin(simulator, "GET", "/health", null).statusCode())
          .isEqualTo(200);
    }
  }
}
