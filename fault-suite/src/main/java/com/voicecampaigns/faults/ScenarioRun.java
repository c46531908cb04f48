package com.voicecampaigns.faults;

import java.util.List;
import java.util.Map;

/**
 * One scenario's result, as printed and written to {@code summary.json}.
 *
 * @param number its number in issue 14's list
 * @param name its name
 * @param result {@code passed} (it ran to its end and its audit found nothing), {@code failed}, or
 *     {@code not run} (this stack cannot run it; never counted as passed)
 * @param seconds how long it took
 * @param counts what the audit counted
 * @param failures each violation, unmet expectation, or why it did not finish
 */
record ScenarioRun(
    int number,
    String name,
    String result,
    long seconds,
    Map<String, Long> counts,
    List<String> failures) {

  static final String PASSED = "passed";
  static final String FAILED = "failed";
  static final String NOT_RUN = "not run";

  boolean passed() {
    return result.equals(PASSED);
  }

  /** {@code scenario <name> passed|failed|not run (counts) in N s}. */
  String line() {
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (key, value) ->
            text.append(text.isEmpty() ? "" : ", ").append(key).append(' ').append(value));
    return "scenario " + name + " " + result + " (" + text + ") in " + seconds + " s";
  }
}
