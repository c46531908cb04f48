package com.voicecampaigns.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the standalone simulator's configuration from flags ({@code --port 8090} or {@code
 * --port=8090}) and, for flags not given, environment variables. Defaults are those of {@link
 * SimulatorConfig#defaults()}, except the port: 8090.
 */
final class CommandLineOptions {

  static final int DEFAULT_PORT = 8090;

  /** One flag: its variable, its help line, and how its value changes the configuration. */
  record Option(
      String flag,
      String variable,
      String help,
      BiFunction<SimulatorConfig, String, SimulatorConfig> apply) {}

  static final List<Option> OPTIONS =
      List.of(
          new Option(
              "--host",
              "SIMULATOR_HOST",
              "address to bind (default 127.0.0.1)",
              SimulatorConfig::withHost),
          new Option(
              "--port",
              "SIMULATOR_PORT",
              "port to bind (default 8090, 0 = free port)",
              (c, v) -> c.withPort(integer("--port", v))),
          new Option(
              "--auth-id",
              "PLIVO_AUTH_ID",
              "Plivo auth id to accept",
              (c, v) -> c.withCredentials(v, c.authToken())),
          new Option(
              "--auth-token",
              "PLIVO_AUTH_TOKEN",
              "auth token: Basic auth and signing",
              (c, v) -> c.withCredentials(c.authId(), v)),
          new Option(
              "--outcomes",
              "SIMULATOR_OUTCOMES",
              "e.g. answered=0.7,busy=0.1,no-answer=0.1,failed=0.1",
              (c, v) -> c.withOutcomes(OutcomeWeights.parse(v))),
          new Option(
              "--force-outcomes",
              "SIMULATOR_FORCE_OUTCOMES",
              "e.g. +14155550100=busy,+14155550101=failed",
              CommandLineOptions::forcedOutcomes),
          new Option(
              "--ring-delay",
              "SIMULATOR_RING_DELAY",
              "until answer/hangup (default 100ms)",
              (c, v) -> c.withRingDelay(Durations.parse(v))),
          new Option(
              "--call-duration",
              "SIMULATOR_CALL_DURATION",
              "answered call length (default 2s)",
              (c, v) -> c.withCallDuration(Durations.parse(v))),
          new Option(
              "--seed",
              "SIMULATOR_SEED",
              "seed of every random source (default 42)",
              (c, v) -> c.withSeed(integer("--seed", v))),
          new Option(
              "--latency",
              "SIMULATOR_LATENCY",
              "Make Call answers after this, e.g. 300ms (default 0)",
              (c, v) -> c.withLatency(Durations.parse(v), c.api().jitter())),
          new Option(
              "--latency-jitter",
              "SIMULATOR_LATENCY_JITTER",
              "latency varies by up to ± this (default 0)",
              (c, v) -> c.withLatency(c.api().latency(), Durations.parse(v))),
          new Option(
              "--idle-timeout",
              "SIMULATOR_IDLE_TIMEOUT",
              "close keep-alive connections idle this long, 5s as Node.js (default 0 = never)",
              (c, v) -> c.withIdleTimeout(Durations.parse(v))),
          new Option(
              "--faults",
              "SIMULATOR_FAULTS",
              "fault shares, e.g. 504-after-placing=0.08,500=0.08,429=0.1,timeout-after-placing=0.02",
              (c, v) -> c.withFaultShares(FaultShares.parse(v))),
          new Option(
              "--fault-hold",
              "SIMULATOR_FAULT_HOLD",
              "a timeout fault holds the answer this long, then closes (default 60s)",
              (c, v) -> c.withFaultHold(Durations.parse(v))),
          new Option(
              "--api-request-limit",
              "SIMULATOR_API_REQUEST_LIMIT",
              "e.g. 300/5s (Plivo's): more requests in any 5 s answer 429 (default off)",
              CommandLineOptions::apiRequestLimit),
          new Option(
              "--max-concurrent-calls",
              "SIMULATOR_MAX_CONCURRENT_CALLS",
              "calls over this many active fail, cause 5030 (default 0 = no limit)",
              (c, v) -> c.withMaxConcurrentCalls(integer("--max-concurrent-calls", v))),
          new Option(
              "--machine-share",
              "SIMULATOR_MACHINE_SHARE",
              "share of answered calls a machine picks up, if detection is asked (default 0)",
              (c, v) -> c.withMachines(c.machines().withShare(decimal("--machine-share", v)))),
          new Option(
              "--force-machines",
              "SIMULATOR_FORCE_MACHINES",
              "numbers always answered by a machine, e.g. +14155550100,+14155550101",
              (c, v) -> c.withMachines(c.machines().withNumbers(list(v)))),
          new Option(
              "--machine-detection-delay",
              "SIMULATOR_MACHINE_DETECTION_DELAY",
              "from answer to machine detection (default 1s)",
              (c, v) -> c.withMachines(c.machines().withDelay(Durations.parse(v)))),
          new Option(
              "--audit-log",
              "SIMULATOR_AUDIT_LOG",
              "append every request, answer and callback to this file (JSON lines)",
              (c, v) -> c.withAuditLog(Path.of(v))));

  private CommandLineOptions() {}

  /** True when the arguments ask for usage help. */
  static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  static String usage() {
    StringBuilder usage = new StringBuilder("usage: plivo-simulator [options]\n");
    for (Option option : OPTIONS) {
      usage.append(
          String.format("  %-25s %-34s %s%n", option.flag(), option.variable(), option.help()));
    }
    return usage.toString();
  }

  /**
   * Builds the configuration.
   *
   * @throws IllegalArgumentException for an unknown flag or an invalid value
   */
  static SimulatorConfig parse(String[] args, Map<String, String> environment) {
    Map<String, String> flags = flags(args);
    SimulatorConfig config = SimulatorConfig.defaults().withPort(DEFAULT_PORT);
    for (Option option : OPTIONS) {
      String value =
          flags.containsKey(option.flag())
              ? flags.get(option.flag())
              : environment.get(option.variable());
      if (value != null && !value.isBlank()) {
        config = option.apply().apply(config, value.trim());
      }
    }
    return config;
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      String flag = name;
      if (OPTIONS.stream().noneMatch(option -> option.flag().equals(flag))) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      flags.put(name, value);
    }
    return flags;
  }

  private static SimulatorConfig forcedOutcomes(SimulatorConfig config, String value) {
    for (String pair : value.split(",")) {
      String[] numberOutcome = pair.split("=", 2);
      if (numberOutcome.length != 2) {
        throw new IllegalArgumentException("--force-outcomes expects number=outcome pairs");
      }
      config =
          config.withForcedOutcome(
              numberOutcome[0].trim(), CallOutcome.parse(numberOutcome[1].trim()));
    }
    return config;
  }

  /** {@code 300/5s}; {@code 0} turns the limit off. */
  private static SimulatorConfig apiRequestLimit(SimulatorConfig config, String value) {
    String[] countWindow = value.split("/", 2);
    int count = integer("--api-request-limit", countWindow[0].trim());
    if (count != 0 && countWindow.length != 2) {
      throw new IllegalArgumentException(
          "--api-request-limit expects requests/window, e.g. 300/5s");
    }
    Duration window =
        countWindow.length == 2 ? Durations.parse(countWindow[1]) : config.limits().apiWindow();
    return config.withApiRequestLimit(count, window);
  }

  private static Set<String> list(String value) {
    Set<String> items = new LinkedHashSet<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " expects a whole number, got '" + value + "'");
    }
  }

  private static double decimal(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " expects a number, got '" + value + "'");
    }
  }
}
