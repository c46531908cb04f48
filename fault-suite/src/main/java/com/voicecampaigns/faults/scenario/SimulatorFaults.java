package com.voicecampaigns.faults.scenario;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.harness.Simulator;
import com.voicecampaigns.faults.harness.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6: the simulator answers a share of Make-Call requests with 500, 429, 504 after placing
 * the call, or holds the answer past the worker's read timeout after placing it, and closes
 * keep-alive connections idle for 5 s. One of each fault is queued first, so each occurs in every
 * run; two campaigns run 7 s apart, so the first one's pooled connections sit idle past the 5 s. A
 * call placed behind a fault must never be placed again; a 429 is retried; no request may be lost
 * on a connection the simulator had closed.
 */
public final class SimulatorFaults implements Scenario {

  static final List<String> FAULTS =
      List.of("500", "429", "504-after-placing", "timeout-after-placing");
  private static final String SHARES =
      "{\"500\":0.08,\"429\":0.1,\"504-after-placing\":0.08,\"timeout-after-placing\":0.04}";

  private final int contacts;

  public SimulatorFaults(int contacts) {
    this.contacts = contacts;
  }

  @Override
  public int number() {
    return 6;
  }

  @Override
  public String name() {
    return "simulator-faults";
  }

  @Override
  public Duration bound() {
    return Duration.ofSeconds(120);
  }

  @Override
  public AuditResult run(Stack stack) {
    Simulator simulator = stack.simulator();
    Instant from = Instant.now();
    Campaigns campaigns = new Campaigns(stack.api(), simulator);
    simulator.idleTimeout(Duration.ofSeconds(5));
    FAULTS.forEach(simulator::queueFault);
    simulator.faultShares(SHARES);
    try {
      List<String> numbers = Campaigns.numbers(6, contacts * 2);
      String first = campaigns.create(name() + "-1", numbers.subList(0, contacts), 10, null);
      String second =
          campaigns.create(
              name() + "-2", numbers.subList(contacts, numbers.size()), 10, from.plusSeconds(12));
      campaigns.awaitEnd(first, Duration.ofSeconds(60));
      campaigns.awaitEnd(second, Duration.ofSeconds(60));
      var audited = List.of(campaigns.finished(first), campaigns.finished(second));
      Instant to = Instant.now();
      AuditResult audit = Audit.of(simulator.audit(), Stack.CPS, from, to, audited, true);
      List<String> unmet = new ArrayList<>();
      for (String fault : FAULTS) {
        if (!audit.counts().containsKey("fault " + fault)) {
          unmet.add("no request got the fault " + fault);
        }
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("connections closed idle", closedIdle(simulator.connections()));
      return audit.plus(counts, unmet);
    } finally {
      simulator.faultShares("{}");
      simulator.idleTimeout(Duration.ZERO);
    }
  }

  private static long closedIdle(String connections) {
    var matcher =
        java.util.regex.Pattern.compile("\"closedIdle\"\\s*:\\s*(\\d+)").matcher(connections);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
  }
}
