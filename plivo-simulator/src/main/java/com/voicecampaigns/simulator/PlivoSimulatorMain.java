package com.voicecampaigns.simulator;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the simulator on its own for the local stack; see {@link CommandLineOptions}. */
public final class PlivoSimulatorMain {

  private static final String LOGBACK_CONFIG = "plivo-simulator-logback.xml";

  private PlivoSimulatorMain() {}

  public static void main(String[] args) {
    // Before any logger exists; the jar carries no logback.xml so embedding apps keep theirs.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    if (CommandLineOptions.wantsHelp(args)) {
      System.out.print(CommandLineOptions.usage());
      return;
    }
    PlivoSimulator simulator = launch(args, System.getenv(), System.err);
    if (simulator == null) {
      System.exit(1);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "plivo-sim-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Parses the configuration and starts the simulator, or prints one line explaining why it cannot
   * (a bad option, a port in use) and returns null.
   */
  static PlivoSimulator launch(String[] args, Map<String, String> environment, PrintStream err) {
    try {
      return PlivoSimulator.start(CommandLineOptions.parse(args, environment));
    } catch (SimulatorStartException | IllegalArgumentException e) {
      err.println("plivo-simulator: " + e.getMessage());
      return null;
    }
  }
}
