package com.voicecampaigns.faults.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit counted and what it found wrong.
 *
 * @param counts by name, in the order counted
 * @param violations one line each; none when the scenario passed its audit
 */
public record AuditResult(Map<String, Long> counts, List<String> violations) {

  public AuditResult {
    counts = new LinkedHashMap<>(counts);
    violations = List.copyOf(violations);
  }

  /** This result with the scenario's own counts and unmet expectations added. */
  public AuditResult plus(Map<String, Long> moreCounts, List<String> unmet) {
    Map<String, Long> allCounts = new LinkedHashMap<>(counts);
    allCounts.putAll(moreCounts);
    List<String> all = new java.util.ArrayList<>(violations);
    all.addAll(unmet);
    return new AuditResult(allCounts, all);
  }

  public boolean passed() {
    return violations.isEmpty();
  }
}
