package com.voicecampaigns.faults.scenario;

import com.voicecampaigns.faults.audit.Audit;
import com.voicecampaigns.faults.audit.AuditResult;
import com.voicecampaigns.faults.audit.AuditedCampaign;
import com.voicecampaigns.faults.harness.JarProcess;
import com.voicecampaigns.faults.harness.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    long bySkewed = placedBy(stack, skewed, from);
    long byOther = placedBy(stack, stack.worker(), from);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("rang by the worker 500 ms ahead", bySkewed);
    counts.put("rang by the other", byOther);
    counts.put("s both dialled", bothDialled(stack, skewed, from).toSeconds());
    OptionalLong measured = measuredAhead(skewed);
    measured.ifPresent(
        ms -> counts.put("ms ahead of MongoDB, as the skewed worker measured it", ms));
    List<String> unmet = new ArrayList<>();
    if (measured.isEmpty() || Math.abs(measured.getAsLong() - OFFSET.toMillis()) > 100) {
      unmet.add("the skewed worker never measured its clock " + OFFSET.toMillis() + " ms ahead");
    }
    if (bySkewed == 0 || byOther == 0) {
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

  private static List<Instant> placedTimes(Stack stack, JarProcess worker, Instant after) {
    return stack.simulator().audit().placedCalls().stream()
        .filter(call -> call.answerUrl() != null)
        .filter(call -> call.answerUrl().startsWith(worker.url() + "/"))
        .map(call -> call.placedAt())
        .filter(placed -> placed.isAfter(after))
        .sorted()
        .toList();
  }

  private static long placedBy(Stack stack, JarProcess worker, Instant after) {
    return placedTimes(stack, worker, after).size();
  }

  /** How long the two workers' calls overlapped: from the later first call to the earlier last. */
  private static Duration bothDialled(Stack stack, JarProcess skewed, Instant after) {
    List<Instant> one = placedTimes(stack, skewed, after);
    List<Instant> other = placedTimes(stack, stack.worker(), after);
    if (one.isEmpty() || other.isEmpty()) {
      return Duration.ZERO;
    }
    Instant start = max(one.get(0), other.get(0));
    Instant end = min(one.get(one.size() - 1), other.get(other.size() - 1));
    return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
