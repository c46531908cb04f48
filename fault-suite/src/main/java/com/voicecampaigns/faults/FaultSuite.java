package com.voicecampaigns.faults;

import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.CounterMends;
import com.voicecampaigns.faults.harness.Stack;
import com.voicecampaigns.faults.scenario.ClockSkewed;
import com.voicecampaigns.faults.scenario.DeliveredThrice;
import com.voicecampaigns.faults.scenario.EmulatorRestarted;
import com.voicecampaigns.faults.scenario.ManyCampaigns;
import com.voicecampaigns.faults.scenario.MongoPaused;
import com.voicecampaigns.faults.scenario.PauseResumeCancel;
import com.voicecampaigns.faults.scenario.Scenario;
import com.voicecampaigns.faults.scenario.SimulatorFaults;
import com.voicecampaigns.faults.scenario.WorkerFrozen;
import com.voicecampaigns.faults.scenario.WorkerKilled;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fault suite: runs each scenario on a stack of its own within the scenario's bound, prints one
 * line per scenario and a last line {@code N passed, M failed}, writes {@code summary.json}, and
 * exits 1 when any failed (a stack that could not start fails its scenario), 2 for bad options. Run
 * by bin/fault-suite.
 */
public final class FaultSuite {

  private FaultSuite() {}

  public static void main(String[] args) throws Exception {
    SuiteOptions options;
    try {
      options = SuiteOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(options.out());
    List<Scenario> scenarios = scenarios(options);
    Instant startedAt = Instant.now();
    List<ScenarioRun> runs = new ArrayList<>();
    String backend = "none started";
    for (Scenario scenario : scenarios) {
      // a stack of its own per scenario: the emulator here gets slower to deliver the longer it
      // runs and after a killed subscriber (see scenarios()), so no scenario inherits another's
      Instant start = Instant.now();
      ScenarioRun run;
      try (Stack stack =
          Stack.start(
              options.root(), options.out().resolve(scenario.name()), scenario.workerSettings())) {
        backend = stack.backend();
        System.out.printf(
            "stack for %s up in %d s (MongoDB: %s)%n", scenario.name(), seconds(start), backend);
        run = run(scenario, stack);
      } catch (RuntimeException e) {
        run = failed(scenario, start, "the stack could not start: " + e.getMessage());
      }
      runs.add(run);
      System.out.println(run.line());
      run.failures().stream().limit(20).forEach(failure -> System.out.println("  " + failure));
      if (run.failures().size() > 20) {
        System.out.println("  … " + (run.failures().size() - 20) + " more in summary.json");
      }
    }
    long passed = runs.stream().filter(ScenarioRun::passed).count();
    long failed = runs.stream().filter(run -> run.result().equals(ScenarioRun.FAILED)).count();
    long notRun = runs.size() - passed - failed;
    System.out.println(
        passed + " passed, " + failed + " failed" + (notRun > 0 ? ", " + notRun + " not run" : ""));
    Summary.write(options, backend, startedAt, runs);
    System.exit(failed == 0 ? 0 : 1);
  }

  static List<Scenario> scenarios(SuiteOptions options) {
    // The emulator 0.8.20 never closes a streaming pull its client reset (NoSuchMethodError in its
    // onRstStreamRead) and keeps handing messages to those dead streams; the client resets one
    // every 20 s (the keepalive this emulator does not answer) besides those of a killed process.
    // Deliveries get later the longer it runs, hence a stack per scenario (README, fault suite).
    List<Scenario> all =
        options.quick()
            ? List.of(new WorkerKilled(40), new PauseResumeCancel(40), new SimulatorFaults(25))
            : List.of(
                new WorkerKilled(200),
                new WorkerFrozen(150),
                new EmulatorRestarted(150),
                new PauseResumeCancel(120),
                new SimulatorFaults(100),
                new MongoPaused(150),
                new DeliveredThrice(40),
                new ManyCampaigns(),
                new ClockSkewed(300));
    if (options.only().isEmpty()) {
      return all;
    }
    List<Scenario> chosen = all.stream().filter(s -> options.only().contains(s.name())).toList();
    if (chosen.size() != options.only().size()) {
      throw new IllegalArgumentException(
          "unknown scenario in "
              + options.only()
              + "; there are "
              + all.stream().map(Scenario::name).toList());
    }
    return chosen;
  }

  private static ScenarioRun run(Scenario scenario, Stack stack) {
    Instant start = Instant.now();
    if (!scenario.canRun(stack)) {
      return new ScenarioRun(
          scenario.number(),
          scenario.name(),
          ScenarioRun.NOT_RUN,
          0,
          Map.of(),
          List.of("MongoDB is " + stack.backend() + ", which this suite cannot pause"));
    }
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<AuditResult> result = thread.submit(() -> scenario.run(stack));
    try {
      AuditResult audit = result.get(scenario.bound().toMillis(), TimeUnit.MILLISECONDS);
      List<String> failures = new ArrayList<>(audit.violations());
      stack.deadServices().forEach(name -> failures.add(name + " is no longer running"));
      long mends = CounterMends.in(stack.dir());
      if (mends > 0 && !scenario.mayMendCounters()) {
        failures.add(
            "a worker mended progress counters " + mends + " times with no fault to cause it");
      }
      Map<String, Long> counts = new java.util.LinkedHashMap<>(audit.counts());
      counts.put("counters mended", mends);
      return new ScenarioRun(
          scenario.number(),
          scenario.name(),
          failures.isEmpty() ? ScenarioRun.PASSED : ScenarioRun.FAILED,
          seconds(start),
          counts,
          failures);
    } catch (TimeoutException e) {
      result.cancel(true);
      return failed(
          scenario, start, "did not finish within " + scenario.bound().toSeconds() + " s");
    } catch (ExecutionException e) {
      return failed(scenario, start, "stopped: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(scenario, start, "interrupted");
    } finally {
      thread.shutdownNow();
    }
  }

  private static ScenarioRun failed(Scenario scenario, Instant start, String why) {
    return new ScenarioRun(
        scenario.number(),
        scenario.name(),
        ScenarioRun.FAILED,
        seconds(start),
        Map.of(),
        List.of(why));
  }

  private static long seconds(Instant since) {
    return Duration.between(since, Instant.now()).toSeconds();
  }
}
