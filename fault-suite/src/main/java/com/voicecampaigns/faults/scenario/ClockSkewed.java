package com.voicecampaigns.faults.scenario;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.harness.JarProcess;
import com.voicecampaigns.faults.harness.Stack;
import com.voicecampaigns.simulator.audit.AuditedCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scenario 9: a second call worker whose clock runs 500 ms ahead of every other process's dials
 * beside the first, one campaign each (every worker holds one campaign at a time, so the second
 * start goes to the second worker: refused by the full one, or adopted), both under one account
 * limit that each campaign alone would fill. Pacing compares times on MongoDB's clock, so the
 * account's calls-per-second bound must hold at the simulator in every one-second window.
 */
public final class ClockSkewed implements Scenario {

  static final Duration OFFSET = Duration.ofMillis(500);

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
  public Map<String, String> workerSettings() {
    return Map.of("worker.max-active-campaigns", "1");
  }

  @Override
  public AuditResult run(Stack stack) {
    JarProcess skewed = stack.startExtraWorker(OFFSET);
    Instant from = Instant.now();
    Campaigns campaigns = new Campaigns(stack.api(), stack.simulator());
    List<String> phones = Campaigns.numbers(9, 2 * contacts);
    List<String> ids =
        List.of(
            campaigns.create(name() + "-0", phones.subList(0, contacts), Stack.CPS, null),
            campaigns.create(
                name() + "-1", phones.subList(contacts, 2 * contacts), Stack.CPS, null));
    ids.forEach(id -> campaigns.awaitEnd(id, Duration.ofSeconds(150)));
    List<AuditedCampaign> audited = ids.stream().map(campaigns::finished).toList();
    Instant to = Instant.now();

    var placed = stack.simulator().audit().placedCalls(); // one read of the log for both workers
    List<Instant> bySkewed = placedTimes(placed, skewed, from);
    List<Instant> byOther = placedTimes(placed, stack.worker(), from);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rang by the worker 500 ms ahead", (long) bySkewed.size());
    counts.put("rang by the other", (long) byOther.size());
    counts.put("s both dialled", overlap(bySkewed, byOther).toSeconds());
    OptionalLong measured = measuredAhead(skewed);
    measured.ifPresent(
        ms -> counts.put("ms ahead of MongoDB, as the skewed worker measured it", ms));
    List<String> unmet = new ArrayList<>();
    if (measured.isEmpty() || Math.abs(measured.getAsLong() - OFFSET.toMillis()) > 100) {
      unmet.add("the skewed worker never measured its clock " + OFFSET.toMillis() + " ms ahead");
    }
    if (bySkewed.isEmpty() || byOther.isEmpty()) {
      unmet.add("one worker placed every call: the clocks were never compared under one limit");
    }
    return Audit.of(stack.simulator().audit(), Stack.CPS, from, to, audited, true)
        .plus(counts, unmet);
  }

  /** The last offset the worker's ServerClock logged, as ms its clock is ahead of MongoDB's. */
  private static OptionalLong measuredAhead(JarProcess worker) {
    Pattern logged =
        Pattern.compile("MongoDB's clock is (\\d+) ms (ahead of|behind) this worker's");
    OptionalLong ahead = OptionalLong.empty();
    try (Stream<String> lines = Files.lines(worker.log())) {
      for (String line : (Iterable<String>) lines::iterator) {
        Matcher matcher = logged.matcher(line);
        if (matcher.find()) {
          long ms = Long.parseLong(matcher.group(1));
          ahead = OptionalLong.of(matcher.group(2).equals("behind") ? ms : -ms);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ahead;
  }

  /**
   * When {@code worker}'s calls (by their answer URL) were placed after {@code after}, in order.
   */
  private static List<Instant> placedTimes(
      List<AuditedCall> placed, JarProcess worker, Instant after) {
    return placed.stream()
        .filter(call -> call.answerUrl() != null)
        .filter(call -> call.answerUrl().startsWith(worker.url() + "/"))
        .map(AuditedCall::placedAt)
        .filter(at -> at.isAfter(after))
        .sorted()
        .toList();
  }

  /** How long two sorted lists of call times overlap: from the later first to the earlier last. */
  private static Duration overlap(List<Instant> one, List<Instant> other) {
    if (one.isEmpty() || other.isEmpty()) {
      return Duration.ZERO;
    }
    Instant start = Collections.max(List.of(one.get(0), other.get(0)));
    Instant end = Collections.min(List.of(one.get(one.size() - 1), other.get(other.size() - 1)));
    return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
  }
}
