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

/**
 * Scenario 1: the call worker is killed with SIGKILL while a campaign dials, and a new worker is
 * started on the same address (as a replaced pod behind its service). The new worker takes the
 * campaign over once the dead one's lease expires and finishes it; attempts the dead worker had
 * sent are unknown, never sent again.
 */
public final class WorkerKilled implements Scenario {

  private final int contacts;

  public WorkerKilled(int contacts) {
    this.contacts = contacts;
  }

  @Override
  public int number() {
    return 1;
  }

  @Override
  public String name() {
    return "worker-killed";
  }

  @Override
  public boolean mayMendCounters() {
    return true;
  }

  @Override
  public Duration bound() {
    // the lease (30 s), then a start the emulator may lose: the dispatcher's next try comes
    // after its start timeout (2 min); see the README's fault suite section
    return Duration.ofSeconds(240);
  }

  @Override
  public AuditResult run(Stack stack) {
    Instant from = Instant.now();
    Campaigns campaigns = new Campaigns(stack.api(), stack.simulator());
    String id = campaigns.create(name(), Campaigns.numbers(1, contacts), 5, null);
    campaigns.awaitPlaced(id, Math.max(3, contacts / 4), Duration.ofSeconds(60));
    Instant killedAt = Instant.now();
    stack.killWorker();
    long beforeKill = campaigns.placed(id);
    stack.startWorker();
    boolean ended = campaigns.endsWithin(id, Duration.ofSeconds(180));
    AuditedCampaign campaign = campaigns.finished(id);
    Instant to = Instant.now();

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rang before the kill", beforeKill);
    long after = campaigns.placedAfter(id, killedAt.plusMillis(500));
    counts.put("rang after it", after);
    campaigns
        .firstPlacedAfter(id, killedAt.plusMillis(500))
        .ifPresent(
            first ->
                counts.put(
                    "s to the first call after the kill",
                    Duration.between(killedAt, first).toSeconds()));
    List<String> unmet = new ArrayList<>();
    if (!ended) {
      unmet.add(
          "not ended "
              + Duration.between(killedAt, to).toSeconds()
              + " s after the kill: no start the dispatcher published since reached the new worker"
              + " (the dispatcher's and the worker's logs say when each was published and taken)");
    }
    if (after == 0) {
      unmet.add("the new worker placed no call: the campaign was not taken over");
    }
    long notCalled = campaign.view().get("progress").get("notCalled").asLong();
    if (notCalled != 0) {
      unmet.add(notCalled + " contacts were never called");
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, List.of(campaign), false)
        .plus(counts, unmet);
  }
}
