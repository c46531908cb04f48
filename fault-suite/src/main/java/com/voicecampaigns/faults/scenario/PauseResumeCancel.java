package com.voicecampaigns.faults.scenario;

import static org.awaitility.Awaitility.await;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.harness.ApiClient;
import com.voicecampaigns.faults.harness.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7: pause, resume and cancel issued while the campaign's calls are being placed (4 per
 * second, so a request is usually in flight). From the moment the API acknowledged the pause until
 * the resume was sent, and from the acknowledged cancel on, the simulator must receive no call of
 * the campaign; after the resume it must dial again, each remaining contact once.
 */
public final class PauseResumeCancel implements Scenario {

  /** How long the scenario watches for a call after a pause or cancel. */
  private static final Duration WATCH = Duration.ofSeconds(3);

  private final int contacts;

  public PauseResumeCancel(int contacts) {
    this.contacts = contacts;
  }

  @Override
  public int number() {
    return 7;
  }

  @Override
  public String name() {
    return "pause-resume-cancel";
  }

  @Override
  public Duration bound() {
    return Duration.ofSeconds(120);
  }

  @Override
  public AuditResult run(Stack stack) {
    Instant from = Instant.now();
    ApiClient api = stack.api();
    Campaigns campaigns = new Campaigns(api, stack.simulator());
    String id = campaigns.create(name(), Campaigns.numbers(7, contacts), 4, null);
    List<String> unmet = new ArrayList<>();
    List<AuditedCampaign.Quiet> quiet = new ArrayList<>();

    campaigns.awaitPlaced(id, Math.max(3, contacts / 6), Duration.ofSeconds(60));
    ApiClient.Answer paused = api.control(id, "pause");
    expect(unmet, "pause", paused);
    watch();
    long atPause = campaigns.placed(id);

    Instant resumeSent = Instant.now();
    quiet.add(new AuditedCampaign.Quiet("pause", paused.answeredAt(), resumeSent));
    expect(unmet, "resume", api.control(id, "resume"));
    campaigns.awaitPlaced(id, atPause + Math.max(3, contacts / 6), Duration.ofSeconds(60));
    long resumed = campaigns.placedAfter(id, resumeSent);

    ApiClient.Answer cancelled = api.control(id, "cancel");
    expect(unmet, "cancel", cancelled);
    quiet.add(new AuditedCampaign.Quiet("cancel", cancelled.answeredAt(), null));
    campaigns.awaitStatus(id, "cancelled", Duration.ofSeconds(10));
    watch();
    AuditedCampaign campaign = campaigns.collect(id, quiet, AuditedCampaign.Ending.CANCELLED);
    Instant to = Instant.now();

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rang before the pause", atPause);
    counts.put("rang after the resume", resumed);
    if (resumed == 0) {
      unmet.add("no call after the resume");
    }
    if (campaign.view().get("progress").get("notCalled").asLong() == 0) {
      unmet.add("every contact was called: the cancel came too late to test anything");
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, List.of(campaign), true)
        .plus(counts, unmet);
  }

  private static void expect(List<String> unmet, String action, ApiClient.Answer answer) {
    if (answer.status() != 200) {
      unmet.add(action + " answered " + answer.status() + ": " + answer.body());
    }
  }

  /** Gives a call that should not come the time to come (the audit then finds it). */
  private static void watch() {
    await().pollDelay(WATCH).atMost(WATCH.plusSeconds(1)).until(() -> true);
  }
}
