package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutcomeProportionsTests {

  private static final OutcomeWeights MIX =
      OutcomeWeights.parse("answered=0.7,busy=0.1,no-answer=0.1,failed=0.1");

  private static List<CallOutcome> placeCalls(long seed, int count) {
    SimulatorConfig config =
        SimulatorConfig.defaults()
            .withOutcomes(MIX)
            .withSeed(seed)
            .withRingDelay(Duration.ofHours(1));
    try (PlivoSimulator simulator = PlivoSimulator.start(config)) {
      StringBuilder to = new StringBuilder();
      IntStream.range(0, count).forEach(i -> to.append(i == 0 ? "" : "<").append(1415555000 + i));
      SimulatorHttp.send(
          simulator,
          "POST",
          SimulatorHttp.callPath(simulator),
          "application/x-www-form-urlencoded",
          "from=14155550000&answer_url=https://w.example/a&to=" + to);
      return simulator.calls().stream().map(SimulatedCall::outcome).toList();
    }
  }

  @Test
  void sameSeedGivesTheSameOutcomes() {
    assertThat(placeCalls(7, 50)).hasSize(50).isEqualTo(placeCalls(7, 50));
    assertThat(placeCalls(7, 50)).isNotEqualTo(placeCalls(8, 50));
  }

  @Test
  void outcomesFollowTheConfiguredProportions() {
    Map<CallOutcome, Integer> counts = new EnumMap<>(CallOutcome.class);
    placeCalls(42, 1000).forEach(outcome -> counts.merge(outcome, 1, Integer::sum));

    assertThat(counts.get(CallOutcome.ANSWERED)).isBetween(650, 750);
    assertThat(counts.get(CallOutcome.BUSY)).isBetween(70, 130);
    assertThat(counts.get(CallOutcome.NO_ANSWER)).isBetween(70, 130);
    assertThat(counts.get(CallOutcome.FAILED)).isBetween(70, 130);
  }

  @Test
  void everyCallIsAnsweredByDefault() {
    try (PlivoSimulator simulator = PlivoSimulator.start()) {
      assertThat(simulator.outcomes().weight(CallOutcome.ANSWERED)).isEqualTo(1.0);
      assertThat(simulator.outcomes().weights()).containsOnlyKeys(CallOutcome.ANSWERED);
    }
  }

  @Test
  void zeroWeightOutcomesAreNeverPicked() {
    OutcomeWeights onlyBusy = OutcomeWeights.of(Map.of("busy", 2, "answered", 0));
    Random random = new Random(1);

    assertThat(IntStream.range(0, 100).mapToObj(i -> onlyBusy.pick(random)))
        .containsOnly(CallOutcome.BUSY);
  }

  @Test
  void invalidWeightsAreRefused() {
    assertThatThrownBy(() -> OutcomeWeights.parse("answered=0")).hasMessageContaining("> 0");
    assertThatThrownBy(() -> OutcomeWeights.parse("answered=-1")).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> OutcomeWeights.parse("ringing=1"))
        .hasMessageContaining("unknown call outcome");
    assertThatThrownBy(() -> OutcomeWeights.parse("answered"))
        .hasMessageContaining("outcome=weight");
  }
}
