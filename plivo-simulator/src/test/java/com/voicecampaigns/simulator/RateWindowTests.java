package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTests {

  private static final long MS = 1_000_000L;

  @Test
  void countsTheBusiestHalfOpenWindow() {
    long[] receipts = {0, 100 * MS, 999 * MS, 1000 * MS, 1500 * MS, 1600 * MS, 1700 * MS};

    // [999ms, 1999ms) holds 999, 1000, 1500, 1600 and 1700; [0, 1000ms) only 0, 100 and 999
    assertThat(CallRegistry.maxInAnyWindow(receipts.clone(), 1000 * MS)).isEqualTo(5);
    assertThat(CallRegistry.maxInAnyWindow(receipts.clone(), 500 * MS)).isEqualTo(3);
    assertThat(CallRegistry.maxInAnyWindow(receipts.clone(), 1 * MS)).isEqualTo(1);
    assertThat(CallRegistry.maxInAnyWindow(receipts.clone(), 10_000 * MS)).isEqualTo(7);
    assertThat(CallRegistry.maxInAnyWindow(new long[0], MS)).isZero();
  }

  @Test
  void aWindowEndsBeforeATimestampExactlyOneWindowLater() {
    assertThat(CallRegistry.maxInAnyWindow(new long[] {0, 500 * MS, 1000 * MS}, 1000 * MS))
        .isEqualTo(2);
  }

  @Test
  void simulatorCountsOnlyPlacedCallsPerDestination() {
    try (PlivoSimulator simulator =
        PlivoSimulator.start(SimulatorConfig.defaults().withRingDelay(Duration.ofHours(1)))) {
      for (int i = 0; i < 3; i++) {
        SimulatorHttp.send(
            simulator,
            "POST",
            SimulatorHttp.callPath(simulator),
            "application/x-www-form-urlencoded",
            "from=1&answer_url=https://w.example/a&to=1415555010" + i);
      }
      SimulatorHttp.send(
          simulator,
          "POST",
          SimulatorHttp.callPath(simulator),
          "application/x-www-form-urlencoded",
          "from=1&answer_url=https://w.example/a&to=14155550200%3C14155550201");
      simulator.failNext(429, 2);
      for (int i = 0; i < 2; i++) {
        SimulatorHttp.send(
            simulator,
            "POST",
            SimulatorHttp.callPath(simulator),
            "application/x-www-form-urlencoded",
            "from=1&answer_url=https://w.example/a&to=14155550300");
      }

      assertThat(simulator.calls()).hasSize(7);
      assertThat(simulator.maxCallsInAnyWindow(Duration.ofMinutes(1))).isEqualTo(5);
      // both destinations of one request share its placement time
      assertThat(simulator.maxCallsInAnyWindow(Duration.ofNanos(1))).isEqualTo(2);
    }
  }
}
