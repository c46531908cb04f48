package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineOptionsTests {

  @Test
  void defaultsListenOn127001Port8090WithLocalCredentials() {
    SimulatorConfig config = CommandLineOptions.parse(new String[0], Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8090);
    assertThat(config.authId()).isEqualTo(SimulatorConfig.DEFAULT_AUTH_ID);
    assertThat(config.authToken()).isEqualTo(SimulatorConfig.DEFAULT_AUTH_TOKEN);
    assertThat(config.calls().outcomes()).isEqualTo(OutcomeWeights.allAnswered());
    assertThat(config.calls().ringDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.calls().callDuration()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void flagsAreRead() {
    SimulatorConfig config =
        CommandLineOptions.parse(
            new String[] {
              "--host",
              "0.0.0.0",
              "--port=9000",
              "--auth-id",
              "MAFLAGS0000000000001",
              "--auth-token",
              "flag-token",
              "--outcomes",
              "answered=0.7,busy=0.1,no-answer=0.1,failed=0.1",
              "--force-outcomes",
              "+14155550100=busy,14155550101=failed",
              "--ring-delay",
              "1s",
              "--call-duration",
              "1.5s",
              "--seed",
              "7"
            },
            Map.of());

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.authId()).isEqualTo("MAFLAGS0000000000001");
    assertThat(config.authToken()).isEqualTo("flag-token");
    assertThat(config.calls().outcomes().weight(CallOutcome.BUSY)).isEqualTo(0.1);
    assertThat(config.calls().forcedOutcomes())
        .containsEntry("+14155550100", CallOutcome.BUSY)
        .containsEntry("14155550101", CallOutcome.FAILED);
    assertThat(config.calls().ringDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.calls().callDuration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.seed()).isEqualTo(7);
  }

  @Test
  void environmentIsReadAndFlagsWin() {
    Map<String, String> environment =
        Map.of(
            "SIMULATOR_PORT", "9100",
            "SIMULATOR_HOST", "0.0.0.0",
            "PLIVO_AUTH_TOKEN", "env-token",
            "SIMULATOR_OUTCOMES", "busy=1",
            "SIMULATOR_RING_DELAY", "250ms",
            "SIMULATOR_CALL_DURATION", "PT5S");

    SimulatorConfig config = CommandLineOptions.parse(new String[] {"--port", "9200"}, environment);

    assertThat(config.port()).isEqualTo(9200);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.authId()).isEqualTo(SimulatorConfig.DEFAULT_AUTH_ID);
    assertThat(config.authToken()).isEqualTo("env-token");
    assertThat(config.calls().outcomes()).isEqualTo(OutcomeWeights.parse("busy=1"));
    assertThat(config.calls().ringDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.calls().callDuration()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void badOptionsAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--prot", "1"}, Map.of()))
        .hasMessage("unknown option --prot");
    assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--port"}, Map.of()))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--port", "x"}, Map.of()))
        .hasMessageContaining("whole number");
    assertThatThrownBy(
            () -> CommandLineOptions.parse(new String[] {"--ring-delay", "soon"}, Map.of()))
        .hasMessageContaining("not a duration");
  }

  @Test
  void usageNamesEveryFlagAndVariable() {
    assertThat(CommandLineOptions.usage())
        .contains("--port", "SIMULATOR_PORT", "--auth-id", "PLIVO_AUTH_ID", "--outcomes");
  }
}
