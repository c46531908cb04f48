package com.voicecampaigns.faults.audit;

import com.voicecampaigns.simulator.audit.AuditLog;
import com.voicecampaigns.simulator.audit.AuditedCall;
import com.voicecampaigns.simulator.audit.AuditedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Checks a scenario's campaigns against what the simulator itself recorded (its audit log), not
 * against the application's own state: no attempt rang a phone twice, no contact got more calls
 * than its attempts allow, no one-second window holds more calls than the account's limit, no call
 * in a quiet span (after an acknowledged pause or cancel), none outside a calling window, every
 * campaign ended as it should (completed, failed with a reason, or cancelled when cancelled), every
 * call that rang is one the application knows, and the progress counters equal a recount.
 */
public final class Audit {

  /** Statuses of attempts that need not have sent a request (the scenarios set no end time). */
  private static final Set<String> UNSENT = Set.of("pending", "cancelled", "suppressed");

  private final AuditLog log;
  private final int cps;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();

  private Audit(AuditLog log, int cps) {
    this.log = log;
    this.cps = cps;
  }

  /**
   * Audits {@code campaigns} over [{@code from}, {@code to}].
   *
   * @param everySendReceived also require that every attempt the application sent reached the
   *     simulator (false where a killed worker may have marked a send it never made)
   */
  public static AuditResult of(
      AuditLog log,
      int cps,
      Instant from,
      Instant to,
      List<AuditedCampaign> campaigns,
      boolean everySendReceived) {
    Audit audit = new Audit(log, cps);
    audit.run(from, to, campaigns, everySendReceived);
    return new AuditResult(audit.counts, audit.violations);
  }

  private void run(
      Instant from, Instant to, List<AuditedCampaign> campaigns, boolean everySendReceived) {
    Set<String> ids = campaigns.stream().map(AuditedCampaign::id).collect(Collectors.toSet());
    List<AuditedRequest> requests =
        log.requests().stream()
            .filter(r -> ids.contains(CallUrls.query(r.answerUrl(), "campaignId")))
            .toList();
    List<AuditedCall> rang =
        requests.stream()
            .flatMap(r -> r.calls().stream())
            .filter(AuditedCall::mayHaveRung)
            .toList();
    counts.put("contacts", campaigns.stream().mapToLong(c -> total(c.view())).sum());
    counts.put("requests", (long) requests.size());
    counts.put("rang", (long) rang.size());
    requests.stream()
        .filter(r -> r.fault() != null)
        .collect(Collectors.groupingBy(AuditedRequest::fault, TreeMap::new, Collectors.counting()))
        .forEach((fault, n) -> counts.put("fault " + fault, n));
    counts.put(
        "unknown",
        campaigns.stream()
            .flatMap(c -> c.calls().stream())
            .filter(call -> "unknown".equals(call.get("status").asString()))
            .count());
    onceEach(rang, campaigns);
    pace(from, to);
    for (AuditedCampaign campaign : campaigns) {
      List<AuditedCall> own =
          rang.stream()
              .filter(c -> campaign.id().equals(CallUrls.query(c.answerUrl(), "campaignId")))
              .toList();
      quiet(campaign, own);
      counts.merge(
          "calls outside a window",
          CallingWindowAudit.outside(campaign, own, violations),
          Long::sum);
      ended(campaign, own);
      known(campaign, own);
      Recount.differences(campaign.view(), campaign.calls())
          .forEach(d -> violations.add("campaign " + campaign.id() + " " + d));
      if (everySendReceived) {
        received(campaign, requests);
      }
    }
  }

  private void onceEach(List<AuditedCall> rang, List<AuditedCampaign> campaigns) {
    Map<String, Long> perAttempt =
        rang.stream().collect(Collectors.groupingBy(AuditedCall::answerUrl, Collectors.counting()));
    counts.put(
        "most rings of one attempt", perAttempt.values().stream().max(Long::compare).orElse(0L));
    perAttempt.forEach(
        (url, n) -> {
          if (n > 1) {
            violations.add("attempt " + url + " rang " + n + " times");
          }
        });
    int allowed = campaigns.stream().mapToInt(AuditedCampaign::attemptsPerContact).max().orElse(1);
    Map<String, Long> perNumber =
        rang.stream()
            .collect(Collectors.groupingBy(AuditedCall::normalizedTo, Collectors.counting()));
    counts.put(
        "most calls of one contact", perNumber.values().stream().max(Long::compare).orElse(0L));
    perNumber.forEach(
        (number, n) -> {
          if (n > allowed) {
            violations.add("+" + number + " rang " + n + " times (at most " + allowed + ")");
          }
        });
  }

  /** Every call placed in the scenario's span, any campaign's: the account's limit. */
  private void pace(Instant from, Instant to) {
    long[] placed =
        log.placedCalls().stream()
            .map(AuditedCall::placedAt)
            .filter(at -> !at.isBefore(from) && !at.isAfter(to))
            .mapToLong(at -> at.getEpochSecond() * 1_000_000_000L + at.getNano())
            .sorted()
            .toArray();
    int best = 0;
    int start = 0;
    for (int end = 0; end < placed.length; end++) {
      while (placed[end] - placed[start] >= Duration.ofSeconds(1).toNanos()) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    counts.put("most calls in 1 s", (long) best);
    if (best > cps) {
      violations.add(best + " calls in one second, over the account's " + cps);
    }
  }

  private void quiet(AuditedCampaign campaign, List<AuditedCall> own) {
    long after = 0;
    for (AuditedCampaign.Quiet quiet : campaign.quiet()) {
      for (AuditedCall call : own) {
        if (quiet.contains(call.placedAt())) {
          after++;
          violations.add(
              call.to()
                  + " was placed at "
                  + call.placedAt()
                  + ", after the "
                  + quiet.what()
                  + " acknowledged at "
                  + quiet.from());
        }
      }
    }
    counts.merge("calls after pause/cancel", after, Long::sum);
  }

  private void ended(AuditedCampaign campaign, List<AuditedCall> own) {
    String status = campaign.view().get("status").asString();
    JsonNode reason = campaign.view().get("failureReason");
    boolean right =
        switch (campaign.ending()) {
          case CANCELLED -> status.equals("cancelled");
          case WAITING -> status.equals("running") && own.isEmpty();
          case FINISHED ->
              status.equals("completed")
                  || (status.equals("failed") && reason != null && !reason.asString("").isBlank());
        };
    if (!right) {
      violations.add(
          "campaign "
              + campaign.id()
              + " ended "
              + status
              + " (reason "
              + reason
              + ", "
              + own.size()
              + " calls), expected "
              + campaign.ending());
    }
  }

  /** A call that rang is one of the campaign's attempts (by the call id in its answer URL). */
  private void known(AuditedCampaign campaign, List<AuditedCall> own) {
    Set<String> callIds =
        campaign.calls().stream().map(c -> c.get("callId").asString()).collect(Collectors.toSet());
    for (AuditedCall call : own) {
      String callId = CallUrls.query(call.answerUrl(), "callId");
      if (!callIds.contains(callId)) {
        violations.add(
            call.to() + " rang for call " + callId + ", which the campaign does not list");
      }
    }
  }

  /**
   * Every attempt whose status says a request went out reached the simulator as a request. Not
   * {@code dialedAt} alone: the worker marks a request started before its last checks and may still
   * withdraw it unsent (it goes back to pending, then to cancelled if the campaign is cancelled).
   */
  private void received(AuditedCampaign campaign, List<AuditedRequest> requests) {
    Set<String> reached =
        requests.stream()
            .map(r -> CallUrls.query(r.answerUrl(), "callId"))
            .collect(Collectors.toSet());
    long lost = 0;
    for (JsonNode call : campaign.calls()) {
      String status = call.get("status").asString();
      if (!UNSENT.contains(status) && !reached.contains(call.get("callId").asString())) {
        lost++;
        violations.add(
            "call "
                + call.get("callId").asString()
                + " to "
                + call.get("to").asString()
                + " was sent ("
                + status
                + ", "
                + call.get("error")
                + ") but never reached the simulator");
      }
    }
    counts.merge("sent, never received", lost, Long::sum);
  }

  private static long total(JsonNode view) {
    JsonNode progress = view.get("progress");
    return progress == null || progress.isNull() ? 0 : progress.get("totalContacts").asLong();
  }
}
