package com.voicecampaigns.faults.scenario;

import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.harness.Stack;
import java.time.Duration;
import java.util.Map;

/** One fault scenario: drives the stack through its fault, then audits it. */
public interface Scenario {

  /** Its number in issue 14's list. */
  int number();

  /** Its name in the output, e.g. {@code worker-killed}. */
  String name();

  /** The longest it may take; past this it fails. */
  Duration bound();

  /** False when this stack cannot run it (then it is reported as not run, never as passed). */
  default boolean canRun(Stack stack) {
    return true;
  }

  /**
   * Whether its fault may leave a campaign's counters off, to be mended from a recount (a process
   * killed, frozen or cut off between an attempt's write and its campaign's counters).
   */
  default boolean mayMendCounters() {
    return false;
  }

  /** What its stack's call workers run with beside the suite's own settings. */
  default Map<String, String> workerSettings() {
    return Map.of();
  }

  /** Runs it and answers its audit, including the scenario's own expectations. */
  AuditResult run(Stack stack) throws Exception;
}
