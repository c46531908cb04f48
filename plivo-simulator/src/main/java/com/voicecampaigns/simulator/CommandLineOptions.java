package com.voicecampaigns.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the standalone simulator's configuration from flags ({@code --port 8090} or {@code
 * --port=8090}) and, for flags not given, environment variables. Defaults are those of {@link
 * SimulatorConfig#defaults()}, except the port: 8090.
 */
final class CommandLineOptions {

  static final int DEFAULT_PORT = 8090;

  /** Flag, environment variable, description. */
  static final List<String[]> OPTIONS =
      List.of(
          new String[] {"--host", "SIMULATOR_HOST", "address to bind (default 127.0.0.1)"},
          new String[] {"--port", "SIMULATOR_PORT", "port to bind (default 8090, 0 = free port)"},
          new String[] {"--auth-id", "PLIVO_AUTH_ID", "Plivo auth id to accept"},
          new String[] {"--auth-token", "PLIVO_AUTH_TOKEN", "auth token: Basic auth and signing"},
          new String[] {
            "--outcomes",
            "SIMULATOR_OUTCOMES",
            "e.g. answered=0.7,busy=0.1,no-answer=0.1,failed=0.1"
          },
          new String[] {
            "--force-outcomes",
            "SIMULATOR_FORCE_OUTCOMES",
            "e.g. +14155550100=busy,+14155550101=failed"
          },
          new String[] {
            "--ring-delay", "SIMULATOR_RING_DELAY", "until answer/hangup (default 100ms)"
          },
          new String[] {
            "--call-duration", "SIMULATOR_CALL_DURATION", "answered call length (default 2s)"
          },
          new String[] {
            "--seed", "SIMULATOR_SEED", "seed of the outcome random source (default 42)"
          });

  private CommandLineOptions() {}

  /** True when the arguments ask for usage help. */
  static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  static String usage() {
    StringBuilder usage = new StringBuilder("usage: plivo-simulator [options]\n");
    for (String[] option : OPTIONS) {
      usage.append(String.format("  %-17s %-25s %s%n", option[0], option[1], option[2]));
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
    Map<String, String> values = new HashMap<>();
    for (String[] option : OPTIONS) {
      String value =
          flags.containsKey(option[0]) ? flags.get(option[0]) : environment.get(option[1]);
      if (value != null && !value.isBlank()) {
        values.put(option[0], value.trim());
      }
    }
    SimulatorConfig config = SimulatorConfig.defaults().withPort(DEFAULT_PORT);
    if (values.containsKey("--host")) {
      config = config.withHost(values.get("--host"));
    }
    if (values.containsKey("--port")) {
      config = config.withPort(integer("--port", values.get("--port")));
    }
    if (values.containsKey("--auth-id") || values.containsKey("--auth-token")) {
      config =
          config.withCredentials(
              values.getOrDefault("--auth-id", config.authId()),
              values.getOrDefault("--auth-token", config.authToken()));
    }
    if (values.containsKey("--outcomes")) {
      config = config.withOutcomes(OutcomeWeights.parse(values.get("--outcomes")));
    }
    if (values.containsKey("--force-outcomes")) {
      for (String pair : values.get("--force-outcomes").split(",")) {
        String[] numberOutcome = pair.split("=", 2);
        if (numberOutcome.length != 2) {
          throw new IllegalArgumentException("--force-outcomes expects number=outcome pairs");
        }
        config =
            config.withForcedOutcome(
                numberOutcome[0].trim(), CallOutcome.parse(numberOutcome[1].trim()));
      }
    }
    if (values.containsKey("--ring-delay")) {
      config = config.withRingDelay(Durations.parse(values.get("--ring-delay")));
    }
    if (values.containsKey("--call-duration")) {
      config = config.withCallDuration(Durations.parse(values.get("--call-duration")));
    }
    if (values.containsKey("--seed")) {
      config = config.withSeed(integer("--seed", values.get("--seed")));
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
      if (OPTIONS.stream().noneMatch(option -> option[0].equals(flag))) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      flags.put(name, value);
    }
    return flags;
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " expects a whole number, got '" + value + "'");
    }
  }
}
