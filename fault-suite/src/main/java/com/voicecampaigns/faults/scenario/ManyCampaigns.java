package com.voicecampaigns.faults.scenario;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.harness.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 8: two dispatchers and three workers over 50 campaigns of 1 to 20 contacts, at 1, 2 or 5
 * calls per second each, some due now and some in 10 s, some with a calling window open now and
 * some with one that opens only in hours. Each contact is called once, the account's limit holds
 * over the three workers together, the open campaigns complete, and the closed ones are started but
 * call no one.
 */
public final class ManyCampaigns implements Scenario {

  private static final int[] SIZES = {1, 2, 5, 10, 20};
  private static final double[] RATES = {1, 2, 5};

  @Override
  public int number() {
    return 8;
  }

  @Override
  public String name() {
    return "many-campaigns";
  }

  @Override
  public Duration bound() {
    return Duration.ofSeconds(360);
  }

  @Override
  public AuditResult run(Stack stack) {
    var extras =
        List.of(
            CompletableFuture.runAsync(stack::startExtraDispatcher),
            CompletableFuture.runAsync(stack::startExtraWorker),
            CompletableFuture.runAsync(stack::startExtraWorker));
    try {
      extras.forEach(CompletableFuture::join);
      return audit(stack);
    } finally {
      stack.stopExtras();
    }
  }

  private AuditResult audit(Stack stack) {
    Instant from = Instant.now();
    Campaigns campaigns = new Campaigns(stack.api(), stack.simulator());
    List<String> numbers = Campaigns.numbers(8, 1000);
    Map<String, AuditedCampaign.Ending> ids = new LinkedHashMap<>();
    int next = 0;
    for (int i = 0; i < 50; i++) {
      int size = SIZES[i % SIZES.length];
      List<String> phones = numbers.subList(next, next + size);
      next += size;
      boolean closed = i % 7 == 3;
      Map<String, Object> window =
          closed ? CallingWindows.closedNow() : i % 3 == 0 ? CallingWindows.openNow() : null;
      Instant at = i % 4 == 1 ? Instant.now().plusSeconds(10) : null; // creating all takes a while
      String id = campaigns.create(name() + "-" + i, phones, RATES[i % RATES.length], at, window);
      ids.put(id, closed ? AuditedCampaign.Ending.WAITING : AuditedCampaign.Ending.FINISHED);
    }
    ids.forEach(
        (id, ending) -> {
          if (ending == AuditedCampaign.Ending.FINISHED) {
            campaigns.awaitEnd(id, Duration.ofSeconds(240));
          }
        });
    List<AuditedCampaign> audited = new ArrayList<>();
    ids.forEach((id, ending) -> audited.add(campaigns.collect(id, List.of(), ending)));
    Instant to = Instant.now();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("campaigns", (long) ids.size());
    counts.put(
        "waiting for their window",
        ids.values().stream().filter(e -> e == AuditedCampaign.Ending.WAITING).count());
    List<String> unmet = new ArrayList<>();
    for (AuditedCampaign campaign : audited) {
      long notCalled = campaign.view().get("progress").get("notCalled").asLong();
      if (campaign.ending() == AuditedCampaign.Ending.FINISHED && notCalled != 0) {
        unmet.add("campaign " + campaign.id() + ": " + notCalled + " contacts never called");
      }
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, audited, true)
        .plus(counts, unmet);
  }
}
