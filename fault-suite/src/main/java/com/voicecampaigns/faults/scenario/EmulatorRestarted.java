package com.voicecampaigns.faults.scenario;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.audit.LogLines;
import com.voicecampaigns.faults.harness.EmulatorResources;
import com.voicecampaigns.faults.harness.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: the Pub/Sub emulator is stopped and started again on its port while a campaign dials.
 * A restarted emulator holds no topic or subscription, which a real Pub/Sub keeps through any
 * outage, so the suite makes them again as they were (see {@link Stack#restartEmulator}): the
 * topics at once, the subscriptions {@link #SUBSCRIPTIONS_MISSING} later, so that every subscriber
 * meets NOT_FOUND first, which the client library never retries. The dialling campaign needs no
 * broker and goes on; a second campaign, created once the subscriptions are back, must go the whole
 * way through the broker again: the API's scheduling hint, the dispatcher's tick and start, and the
 * worker's subscription, which must have come back by itself (pubsub-support restarts a failed
 * subscriber's binding; a start adopted because none arrived fails the scenario).
 */
public final class EmulatorRestarted implements Scenario {

  /** How long after the restart the subscriptions are still missing. */
  static final Duration SUBSCRIPTIONS_MISSING = Duration.ofSeconds(5);

  private final int contacts;

  public EmulatorRestarted(int contacts) {
    this.contacts = contacts;
  }

  @Override
  public int number() {
    return 3;
  }

  @Override
  public String name() {
    return "emulator-restarted";
  }

  @Override
  public Duration bound() {
    return Duration.ofSeconds(180);
  }

  @Override
  public AuditResult run(Stack stack) {
    Instant from = Instant.now();
    Campaigns campaigns = new Campaigns(stack.api(), stack.simulator());
    List<String> phones = Campaigns.numbers(3, contacts + contacts / 4);
    String dialling = campaigns.create(name(), phones.subList(0, contacts), 5, null);
    campaigns.awaitPlaced(dialling, Math.max(3, contacts / 4), Duration.ofSeconds(60));
    Instant stoppedAt = Instant.now();
    EmulatorResources remade = stack.restartEmulator(SUBSCRIPTIONS_MISSING);
    Instant backAt = Instant.now();
    String after =
        campaigns.create(name() + "-after", phones.subList(contacts, phones.size()), 5, null);
    Instant createdAfter = Instant.now();
    boolean diallingEnded = campaigns.endsWithin(dialling, Duration.ofSeconds(120));
    boolean afterEnded = campaigns.endsWithin(after, Duration.ofSeconds(90));
    List<AuditedCampaign> audited =
        List.of(campaigns.finished(dialling), campaigns.finished(after));
    Instant to = Instant.now();

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("topics made again", (long) remade.topics().size());
    counts.put("subscriptions made again", (long) remade.subscriptions().size());
    counts.put(
        "s from the stop to the subscriptions back",
        Duration.between(stoppedAt, backAt).toSeconds());
    counts.put(
        "rang before the restart",
        campaigns.placed(dialling) - campaigns.placedAfter(dialling, stoppedAt));
    counts.put(
        "rang while it restarted",
        campaigns.placedAfter(dialling, stoppedAt) - campaigns.placedAfter(dialling, backAt));
    counts.put("rang after it", campaigns.placedAfter(dialling, backAt));
    campaigns
        .firstPlacedAfter(after, createdAfter.minusSeconds(1))
        .ifPresent(
            first ->
                counts.put(
                    "s from the second campaign's creation to its first call",
                    Duration.between(createdAfter, first).toSeconds()));
    long adopted =
        LogLines.count(
            stack.dir(),
            line -> line.contains("campaign " + after + " ") && line.contains("adopted"));
    counts.put("starts adopted", adopted);
    counts.put(
        "bindings restarted",
        LogLines.count(
            stack.dir(), line -> line.contains("restarted with a new Pub/Sub subscriber")));
    List<String> unmet = new ArrayList<>();
    if (!diallingEnded) {
      unmet.add("the campaign dialling through the restart did not end");
    }
    if (!afterEnded) {
      unmet.add("the campaign created after the restart did not end within 90 s");
    }
    if (adopted > 0) {
      unmet.add(
          "the second campaign's start never reached a worker through its subscription; the"
              + " worker adopted the dispatch instead");
    }
    for (AuditedCampaign campaign : audited) {
      long notCalled = campaign.view().get("progress").get("notCalled").asLong();
      if (notCalled != 0) {
        unmet.add(notCalled + " contacts of " + campaign.id() + " were never called");
      }
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, audited, true)
        .plus(counts, unmet);
  }
}
