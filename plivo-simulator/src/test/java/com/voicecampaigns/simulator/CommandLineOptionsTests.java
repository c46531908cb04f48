package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
  void theDialingEngineAndFaultSuiteBehavioursAreReadFromFlags() {
    SimulatorConfig config =
        CommandLineOptions.parse(
            new String[] {
              "--latency=300ms",
              "--latency-jitter=50ms",
              "--idle-timeout=5s",
              "--faults=504-after-placing=0.08,500=0.08,429=0.1,timeout-after-placing=0.02",
              "--fault-hold=30s",
              "--api-request-limit=300/5s",
              "--max-concurrent-calls=50",
              "--machine-share=0.2",
              "--force-machines=+14155550100,14155550101",
              "--machine-detection-delay=1.5s",
              "--audit-log=target/audit.jsonl"
            },
            Map.of());

    assertThat(config.api().latency()).isEqualTo(Duration.ofMillis(300));
    assertThat(config.api().jitter()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.api().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.api().faultShares().shares())
        .containsExactly(
            Map.entry("504-after-placing", 0.08),
            Map.entry("500", 0.08),
            Map.entry("429", 0.1),
            Map.entry("timeout-after-placing", 0.02));
    assertThat(config.api().faultHold()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.limits()).isEqualTo(new AccountLimits(300, Duration.ofSeconds(5), 50));
    assertThat(config.machines())
        .isEqualTo(
            new MachineDetection(
                0.2, Set.of("14155550100", "14155550101"), Duration.ofMillis(1500)));
    assertThat(config.auditLog()).isEqualTo(Path.of("target/audit.jsonl"));
  }

  @Test
  void theSameBehavioursAreReadFromTheEnvironment() {
    Map<String, String> environment =
        Map.ofEntries(
            Map.entry("SIMULATOR_LATENCY", "1s"),
            Map.entry("SIMULATOR_LATENCY_JITTER", "100ms"),
            Map.entry("SIMULATOR_IDLE_TIMEOUT", "5s"),
            Map.entry("SIMULATOR_FAULTS", "close=0.05"),
            Map.entry("SIMULATOR_FAULT_HOLD", "20s"),
            Map.entry("SIMULATOR_API_REQUEST_LIMIT", "100/1s"),
            Map.entry("SIMULATOR_MAX_CONCURRENT_CALLS", "10"),
            Map.entry("SIMULATOR_MACHINE_SHARE", "0.5"),
            Map.entry("SIMULATOR_FORCE_MACHINES", "+14155550100"),
            Map.entry("SIMULATOR_MACHINE_DETECTION_DELAY", "2s"),
            Map.entry("SIMULATOR_AUDIT_LOG", "/tmp/sim.jsonl"));

    SimulatorConfig config =
        CommandLineOptions.parse(new String[] {"--max-concurrent-calls", "20"}, environment);

    assertThat(config.api())
        .isEqualTo(
            new ApiBehaviour(
                Duration.ofSeconds(1),
                Duration.ofMillis(100),
                FaultShares.parse("close=0.05"),
                Duration.ofSeconds(20),
                Duration.ofSeconds(5)));
    assertThat(config.limits()).isEqualTo(new AccountLimits(100, Duration.ofSeconds(1), 20));
    assertThat(config.machines())
        .isEqualTo(new MachineDetection(0.5, Set.of("14155550100"), Duration.ofSeconds(2)));
    assertThat(config.auditLog()).isEqualTo(Path.of("/tmp/sim.jsonl"));
  }

  @Test
  void badBehaviourValuesAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> parse("--faults", "500=0.7,429=0.5"))
        .hasMessageContaining("more than 1");
    assertThatThrownBy(() -> parse("--faults", "boom=0.1")).hasMessageContaining("unknown fault");
    assertThatThrownBy(() -> parse("--faults", "200-after-placing=0.1"))
        .hasMessageContaining("only an error status");
    assertThatThrownBy(() -> parse("--api-request-limit", "300"))
        .hasMessageContaining("requests/window");
    assertThatThrownBy(() -> parse("--machine-share", "2")).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> parse("--latency", "-1s"))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> parse("--max-concurrent-calls", "many"))
        .hasMessageContaining("whole number");
    assertThat(parse("--api-request-limit", "0").limits().apiRequests()).isZero();
  }

  private static SimulatorConfig parse(String flag, String value) {
    return CommandLineOptions.parse(new String[] {flag, value}, Map.of());
  }

  @Test
  void usageNamesEveryFlagAndVariable() {
    String usage = CommandLineOptions.usage();
    assertThat(CommandLineOptions.OPTIONS).hasSize(20);
    for (CommandLineOptions.Option option : CommandLineOptions.OPTIONS) {
      assertThat(usage).contains(option.flag(), option.variable(), option.help());
    }
  }

  @Test
  void helpIsAskedForWithHelpOrH() {
    assertThat(CommandLineOptions.wantsHelp(new String[] {"--help"})).isTrue();
    assertThat(CommandLineOptions.wantsHelp(new String[] {"-h"})).isTrue();
    assertThat(CommandLineOptions.wantsHelp(new String[] {"--port", "1"})).isFalse();
  }
}
