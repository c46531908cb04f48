package com.voicecampaigns.simulator.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The simulator's audit log, read back: what the simulator itself received, answered and sent, so a
 * fault suite can count each phone's calls without trusting the application's own state.
 *
 * <p>The file ({@code --audit-log path}) is append-only JSON lines, each written whole as it
 * happens, so it can be read while the simulator runs or after it was killed. A line torn by a kill
 * mid-write can only be the last, and is skipped. Times are ISO-8601 instants. Lines, by {@code
 * event}:
 *
 * <ul>
 *   <li>{@code start}: {@code at}, {@code version} (1), {@code authId}. A simulator started on the
 *       same file appends a new run; request numbers restart at 1 in each run.
 *   <li>{@code request}, one per Make-Call request, written when it was decided, before the answer:
 *       {@code request} (its number in the run), {@code receivedAt}, {@code from}, {@code to}
 *       (list), {@code answerUrl}, {@code hangupUrl}, {@code fault} (wire name, {@code
 *       api-rate-limit}, or null), {@code status} (the status it is answered, -1 for a closed
 *       connection), {@code placed}, and {@code calls}: per placed call {@code callUuid}, {@code
 *       requestUuid}, {@code to}, {@code outcome}, {@code machine}, {@code placedAt}.
 *   <li>{@code response}: {@code request}, {@code at}, {@code status} (-1: closed without an
 *       answer), {@code delivered} (false when the client had gone).
 *   <li>{@code callback}, one per attempt: {@code request}, {@code callUuid}, {@code kind} (ring,
 *       answer, machine, hangup), {@code url}, {@code at} (sent), {@code status} (-1: no answer),
 *       {@code error}, {@code attempt}, {@code body} (what the answer URL returned; null for the
 *       others).
 *   <li>{@code ended}: {@code request}, {@code callUuid}, {@code at}, {@code callStatus}, {@code
 *       hangupCause}, {@code machine}.
 * </ul>
 */
public final class AuditLog {

  private final List<AuditedRequest> requests;
  private final boolean tornLastLine;

  private AuditLog(List<AuditedRequest> requests, boolean tornLastLine) {
    this.requests = List.copyOf(requests);
    this.tornLastLine = tornLastLine;
  }

  /**
   * Reads a log.
   *
   * @throws IllegalArgumentException when a line other than the last is not an audit line
   */
  public static AuditLog read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + path, e);
    }
    AuditLogParser parser = new AuditLogParser();
    boolean torn = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      boolean last = i == lines.size() - 1;
      if (!parser.accept(line, i + 1, last)) {
        torn = true;
      }
    }
    return new AuditLog(parser.requests(), torn);
  }

  /** Every Make-Call request, in order of receipt (runs one after the other). */
  public List<AuditedRequest> requests() {
    return requests;
  }

  /** Every call placed, including those whose answer said otherwise (a fault after placing). */
  public List<AuditedCall> placedCalls() {
    return requests.stream().flatMap(request -> request.calls().stream()).toList();
  }

  /** True when the last line was cut short (the simulator was killed while writing it). */
  public boolean tornLastLine() {
    return tornLastLine;
  }

  /** Calls that may have rung each destination number ('+' and spaces ignored), by number. */
  public Map<String, Long> callsPerNumber() {
    return count(AuditedCall::normalizedTo);
  }

  /**
   * Calls that may have rung, per answer URL. The worker gives each call attempt its own answer
   * URL, so a count above 1 is one attempt that rang a phone twice.
   */
  public Map<String, Long> callsPerAnswerUrl() {
    return count(AuditedCall::answerUrl);
  }

  /**
   * Calls that may have rung, per campaign: the {@code campaignId} in the answer URL's query or in
   * the {@code extraHeaders} of the XML the answer URL returned. Calls never answered carry no
   * campaign unless the URL names it: see {@link #callsWithoutCampaign()}.
   */
  public Map<String, Long> callsPerCampaign() {
    return ringing().stream()
        .filter(call -> call.campaignId().isPresent())
        .collect(
            Collectors.groupingBy(
                call -> call.campaignId().get(), TreeMap::new, Collectors.counting()));
  }

  /** Calls that may have rung whose campaign the log cannot tell. */
  public long callsWithoutCampaign() {
    return ringing().stream().filter(call -> call.campaignId().isEmpty()).count();
  }

  /**
   * The most calls placed within any window of this length, by placement time: the check of a
   * calls-per-second limit ({@code Duration.ofSeconds(1)}).
   */
  public int maxCallsInAnyWindow(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    long[] placed =
        placedCalls().stream().mapToLong(call -> nanos(call.placedAt())).sorted().toArray();
    int best = 0;
    int start = 0;
    for (int end = 0; end < placed.length; end++) {
      while (placed[end] - placed[start] >= window.toNanos()) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** The most calls active (placed, not yet ended) at one time. */
  public int maxConcurrentCalls() {
    List<long[]> events = new ArrayList<>();
    for (AuditedCall call : placedCalls()) {
      events.add(new long[] {nanos(call.placedAt()), 1});
      if (call.endedAt() != null) {
        events.add(new long[] {nanos(call.endedAt()), -1});
      }
    }
    // at one instant, ends come before starts
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int active = 0;
    int best = 0;
    for (long[] event : events) {
      active += (int) event[1];
      best = Math.max(best, active);
    }
    return best;
  }

  private List<AuditedCall> ringing() {
    return placedCalls().stream().filter(AuditedCall::mayHaveRung).toList();
  }

  private Map<String, Long> count(Function<AuditedCall, String> key) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (AuditedCall call : ringing()) {
      counts.merge(Optional.ofNullable(key.apply(call)).orElse(""), 1L, Long::sum);
    }
    return counts;
  }

  private static long nanos(java.time.Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  @Override
  public String toString() {
    return "AuditLog"
        + Arrays.asList(requests.size() + " requests", placedCalls().size() + " calls");
  }
}
