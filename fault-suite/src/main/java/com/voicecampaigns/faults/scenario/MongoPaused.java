package com.voicecampaigns.faults.scenario;

import static org.awaitility.Awaitility.await;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.harness.Stack;
import com.voicecampaigns.testsupport.mongo.MongoProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4: MongoDB stops answering (SIGSTOP) for 20 s while a campaign dials, then answers again
 * (SIGCONT), its connections open all along. Leases run out meanwhile; the campaign must go on once
 * MongoDB is back, each contact called once.
 *
 * <p>Not a restart: the MongoDB here is mongo-java-server in a JVM of its own, in memory, so a
 * restarted one is an empty database (every campaign, call and lease gone), which no deployment
 * meets. A pause keeps the data and tests what a restart does to the services: their connections
 * stop answering, then answer again. Against a real MongoDB ({@code MONGODB_URI}) the suite cannot
 * pause the server, and does not run this scenario.
 */
public final class MongoPaused implements Scenario {

  private static final Duration PAUSE = Duration.ofSeconds(20);

  private final int contacts;

  public MongoPaused(int contacts) {
    this.contacts = contacts;
  }

  @Override
  public int number() {
    return 4;
  }

  @Override
  public String name() {
    return "mongodb-paused";
  }

  @Override
  public boolean mayMendCounters() {
    return true;
  }

  @Override
  public Duration bound() {
    return Duration.ofSeconds(240);
  }

  @Override
  public boolean canRun(Stack stack) {
    return stack.mongo().isPresent();
  }

  @Override
  public AuditResult run(Stack stack) {
    MongoProcess mongo = stack.mongo().orElseThrow();
    Instant from = Instant.now();
    Campaigns campaigns = new Campaigns(stack.api(), stack.simulator());
    String id = campaigns.create(name(), Campaigns.numbers(4, contacts), 5, null);
    campaigns.awaitPlaced(id, Math.max(3, contacts / 5), Duration.ofSeconds(60));
    Instant pausedAt = Instant.now();
    mongo.pause();
    try {
      await().pollDelay(PAUSE).atMost(PAUSE.plusSeconds(5)).until(() -> true);
    } finally {
      mongo.resume();
    }
    Instant resumedAt = Instant.now();
    campaigns.awaitEnd(id, Duration.ofSeconds(150));
    AuditedCampaign campaign = campaigns.finished(id);
    Instant to = Instant.now();

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(
        "rang while paused",
        campaigns.placedAfter(id, pausedAt) - campaigns.placedAfter(id, resumedAt));
    long after = campaigns.placedAfter(id, resumedAt);
    counts.put("rang after it", after);
    List<String> unmet = new ArrayList<>();
    if (after == 0) {
      unmet.add("no call after MongoDB answered again");
    }
    long notCalled = campaign.view().get("progress").get("notCalled").asLong();
    if (notCalled != 0) {
      unmet.add(notCalled + " contacts were never called");
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, List.of(campaign), false)
        .plus(counts, unmet);
  }
}
