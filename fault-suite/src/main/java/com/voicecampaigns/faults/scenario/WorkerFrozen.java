package com.voicecampaigns.faults.scenario;

import static org.awaitility.Awaitility.await;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.harness.JarProcess;
import com.voicecampaigns.faults.harness.Stack;
import com.voicecampaigns.simulator.audit.AuditedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 2: the call worker is frozen with SIGSTOP while a campaign dials, with a second worker
 * beside it, and stays frozen past its lease until the second one took the campaign over and dials;
 * then it is resumed (SIGCONT) with its threads where they stopped. Between the two no phone rings
 * twice, and the resumed worker sends no request for an attempt it had not already started before
 * it froze: it lost its lease, and its permits and claims are fenced.
 */
public final class WorkerFrozen implements Scenario {

  private final int contacts;

  public WorkerFrozen(int contacts) {
    this.contacts = contacts;
  }

  @Override
  public int number() {
    return 2;
  }

  @Override
  public String name() {
    return "worker-frozen";
  }

  @Override
  public boolean mayMendCounters() {
    return true;
  }

  @Override
  public Duration bound() {
    // the lease (30 s), a start the emulator may lose (the dispatcher retries after 2 min), the
    // rest
    return Duration.ofSeconds(270);
  }

  @Override
  public AuditResult run(Stack stack) {
    Instant from = Instant.now();
    JarProcess extra = stack.startExtraWorker();
    Campaigns campaigns = new Campaigns(stack.api(), stack.simulator());
    String id = campaigns.create(name(), Campaigns.numbers(2, contacts), 5, null);
    campaigns.awaitPlaced(id, Math.max(3, contacts / 5), Duration.ofSeconds(60));
    // either worker may have taken the start: freeze the one dialling, the other succeeds it
    boolean firstDials = !requests(stack, stack.worker(), r -> true).isEmpty();
    JarProcess frozen = firstDials ? stack.worker() : extra;
    JarProcess successor = firstDials ? extra : stack.worker();
    Instant frozenAt = Instant.now();
    frozen.freeze();
    boolean takenOver;
    Instant thawedAt;
    try {
      takenOver = awaitRequestFrom(stack, successor, frozenAt, Duration.ofSeconds(180));
    } finally {
      thawedAt = Instant.now();
      frozen.thaw();
    }
    campaigns.awaitEnd(id, Duration.ofSeconds(90));
    AuditedCampaign campaign = campaigns.finished(id);
    Instant to = Instant.now();
    stack.stopExtras();

    List<AuditedRequest> afterThaw = requests(stack, frozen, r -> r.receivedAt().isAfter(thawedAt));
    List<String> lateStarts = startedWhileFrozen(afterThaw, campaign, frozenAt);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rang before the freeze", (long) placedBy(stack, frozen, frozenAt).size());
    counts.put("s frozen", Duration.between(frozenAt, thawedAt).toSeconds());
    counts.put(
        "requests by the successor",
        (long) requests(stack, successor, r -> r.receivedAt().isAfter(frozenAt)).size());
    counts.put("requests by the resumed worker", (long) afterThaw.size());
    List<String> unmet = new ArrayList<>();
    if (placedBy(stack, frozen, frozenAt).isEmpty()) {
      unmet.add("the frozen worker had placed no call: it froze idle");
    }
    if (!takenOver) {
      unmet.add("the second worker sent nothing within 180 s of the freeze: no takeover");
    }
    if (!lateStarts.isEmpty()) {
      unmet.add(
          "the resumed worker sent attempts it had not started before it froze: " + lateStarts);
    }
    long notCalled = campaign.view().get("progress").get("notCalled").asLong();
    if (notCalled != 0) {
      unmet.add(notCalled + " contacts were never called");
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, List.of(campaign), false)
        .plus(counts, unmet);
  }

  private static boolean awaitRequestFrom(
      Stack stack, JarProcess worker, Instant after, Duration atMost) {
    try {
      await("a request from " + worker.url())
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !requests(stack, worker, r -> r.receivedAt().isAfter(after)).isEmpty());
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /** The Make-Call requests the simulator received from {@code worker} (by its callback URL). */
  private static List<AuditedRequest> requests(
      Stack stack, JarProcess worker, Predicate<AuditedRequest> which) {
    return stack.simulator().audit().requests().stream()
        .filter(r -> r.answerUrl() != null && r.answerUrl().startsWith(worker.url() + "/"))
        .filter(which)
        .toList();
  }

  private static List<AuditedRequest> placedBy(Stack stack, JarProcess worker, Instant before) {
    return requests(stack, worker, r -> r.receivedAt().isBefore(before) && !r.calls().isEmpty());
  }

  /**
   * The call ids of {@code requests} whose attempt the API shows started ({@code dialedAt}) after
   * {@code frozenAt}, or not at all.
   */
  private static List<String> startedWhileFrozen(
      List<AuditedRequest> requests, AuditedCampaign campaign, Instant frozenAt) {
    List<String> late = new ArrayList<>();
    for (AuditedRequest request : requests) {
      String callId = callId(request.answerUrl());
      Optional<JsonNode> attempt =
          campaign.calls().stream()
              .filter(call -> call.get("callId").asString().equals(callId))
              .findFirst();
      JsonNode dialedAt = attempt.map(call -> call.get("dialedAt")).orElse(null);
      if (dialedAt == null
          || dialedAt.isNull()
          || !Instant.parse(dialedAt.asString()).isBefore(frozenAt)) {
        late.add(callId);
      }
    }
    return late;
  }

  private static String callId(String answerUrl) {
    String path = answerUrl.split("\\?", 2)[0];
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
