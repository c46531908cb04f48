package com.voicecampaigns.faults.scenario;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.harness.DeliveryTripler;
import com.voicecampaigns.faults.harness.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5: every tick, every scheduling hint and every campaign start is delivered three times
 * (the original and two copies published by {@link DeliveryTripler}), over two campaigns, one due
 * now and one due in 10 s. Each contact must still be called once, each campaign complete.
 */
public final class DeliveredThrice implements Scenario {

  static final List<String> TOPICS =
      List.of("campaign-scheduler-tick", "campaign-scheduled", "campaign-start");

  private final int contacts;

  public DeliveredThrice(int contacts) {
    this.contacts = contacts;
  }

  @Override
  public int number() {
    return 5;
  }

  @Override
  public String name() {
    return "delivered-thrice";
  }

  @Override
  public Duration bound() {
    return Duration.ofSeconds(240);
  }

  @Override
  public AuditResult run(Stack stack) {
    Instant from = Instant.now();
    Campaigns campaigns = new Campaigns(stack.api(), stack.simulator());
    Map<String, Long> copied;
    String now;
    String later;
    try (DeliveryTripler tripler = DeliveryTripler.start(stack.emulatorHost(), TOPICS)) {
      List<String> numbers = Campaigns.numbers(5, contacts * 2);
      now = campaigns.create(name() + "-now", numbers.subList(0, contacts), 5, null);
      later =
          campaigns.create(
              name() + "-later",
              numbers.subList(contacts, numbers.size()),
              5,
              Instant.now().plusSeconds(10)); // the tripler took a while to set up
      campaigns.awaitEnd(now, Duration.ofSeconds(200));
      campaigns.awaitEnd(later, Duration.ofSeconds(200));
      copied = tripler.copied();
    }
    var audited = List.of(campaigns.finished(now), campaigns.finished(later));
    Instant to = Instant.now();
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> unmet = new ArrayList<>();
    for (String topic : TOPICS) {
      long n = copied.getOrDefault(topic, 0L);
      counts.put("tripled on " + topic, n);
      if (n == 0) {
        unmet.add("nothing on " + topic + " was delivered three times");
      }
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, audited, true)
        .plus(counts, unmet);
  }
}
