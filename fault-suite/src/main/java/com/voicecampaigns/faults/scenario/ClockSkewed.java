package com.voicecampaigns.faults.scenario;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.harness.JarProcess;
import com.voicecampaigns.faults.harness.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 9: a second call worker whose clock runs 500 ms ahead of every other process's (its JVM
 * under libfaketime, its monotonic clock left alone), dialling beside the first, one campaign each,
 * under one account limit. The account's calls-per-second bound holds at the simulator in every
 * one-second window: pacing runs on MongoDB's clock, not on either worker's.
 *
 * <p>Needs {@code faketime} (Debian's package); without it the scenario is not run.
 */
public final class ClockSkewed implements Scenario {

  static final String OFFSET = "+0.5";

  private final int contacts;

  public ClockSkewed(int contacts) {
    this.contacts = contacts;
  }

  @Override
  public int number() {
    return 9;
  }

  @Override
  public String name() {
    return "clock-skewed";
  }

  @Override
  public Duration bound() {
    return Duration.ofSeconds(180);
  }

  @Override
  public boolean canRun(Stack stack) {
    return faketime() != null;
  }

  @Override
  public AuditResult run(Stack stack) {
    Instant from = Instant.now();
    JarProcess skewed =
        stack.startExtraWorker(
            List.of(
                "/usr/bin/env",
                "FAKETIME_DONT_FAKE_MONOTONIC=1",
                faketime().toString(),
                "-f",
                OFFSET));
    Campaigns campaigns = new Campaigns(stack.api(), stack.simulator());
    // each campaign may take the whole account: together they ask for four times what it allows;
    // four starts, so that both workers get some
    List<String> phones = Campaigns.numbers(9, contacts);
    int each = contacts / 4;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(
          campaigns.create(
              name() + "-" + i, phones.subList(i * each, (i + 1) * each), Stack.CPS, null));
    }
    ids.forEach(id -> campaigns.awaitEnd(id, Duration.ofSeconds(150)));
    List<AuditedCampaign> audited = ids.stream().map(campaigns::finished).toList();
    Instant to = Instant.now();
    stack.stopExtras();

    long bySkewed = placedBy(stack, skewed, from);
    long byFirst = placedBy(stack, stack.worker(), from);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rang by the worker 500 ms ahead", bySkewed);
    counts.put("rang by the other", byFirst);
    List<String> unmet = new ArrayList<>();
    if (bySkewed == 0 || byFirst == 0) {
      unmet.add("one worker placed every call: the clocks were never compared under one limit");
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, audited, false)
        .plus(counts, unmet);
  }

  private static long placedBy(Stack stack, JarProcess worker, Instant after) {
    return stack.simulator().audit().placedCalls().stream()
        .filter(call -> call.answerUrl() != null)
        .filter(call -> call.answerUrl().startsWith(worker.url() + "/"))
        .filter(call -> call.placedAt().isAfter(after))
        .count();
  }

  /** The {@code faketime} command on the PATH, {@code null} when there is none. */
  private static Path faketime() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "faketime");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
