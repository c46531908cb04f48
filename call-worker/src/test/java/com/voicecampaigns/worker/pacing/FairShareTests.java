package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.simulator.audit.AuditLog;
import com.voicecampaigns.simulator.audit.AuditedRequest;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import com.voicecampaigns.worker.dialing.CampaignSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account's rate is split evenly among its running campaigns across four workers, and a
 * campaign held back by its own limit leaves the rest of its share to the others. Each campaign's
 * calls are counted from the simulator's audit log over the time every campaign was dialling.
 */
class FairShareTests {

  static final int CPS = 20;
  static final double TOLERANCE = 0.2;
  static final int WORKERS = 4;
  static PlivoSimulator plivo;
  static Path auditLog;
  static final List<WorkerInstance> workers = new ArrayList<>();
  static Fixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    auditLog = Files.createTempFile("fair-share-audit", ".jsonl");
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withAuditLog(auditLog)
                .withRingDelay(Duration.ofMillis(50))
                .withCallDuration(Duration.ofMillis(100)));
    String database = MongoBackend.freshDatabaseName(FairShareTests.class);
    for (int i = 1; i <= WORKERS; i++) {
      workers.add(
          WorkerInstance.start(
              database, "share", plivo, "share-" + i, Map.of("plivo.cps", Integer.toString(CPS))));
    }
    fixtures = new Fixtures(workers.get(0).mongo());
  }

  @AfterAll
  static void stop() throws Exception {
    workers.forEach(WorkerInstance::close);
    plivo.close();
    Files.deleteIfExists(auditLog);
  }

  @Test
  void twoCampaignsOnTwoOfFourWorkersShareTheAccountsRateEvenly() {
    List<String> campaigns = dial(List.of(new Document(), new Document()), 60);

    Map<String, Long> calls = callsWhileAllDialled(campaigns, campaigns);
    System.out.printf("[fair share] 2 campaigns, account %d/s: %s%n", CPS, calls);
    assertNearEven(calls);
  }

  @Test
  void tenCampaignsOverFourWorkersShareEvenlyAndOneHeldBackByItsOwnLimitLeavesItsShare() {
    List<Document> options = new ArrayList<>();
    options.add(new Document(CampaignFields.CALLS_PER_SECOND, 1.0));
    for (int i = 1; i < 10; i++) {
      options.add(new Document());
    }
    List<String> campaigns = dial(options, 40);
    String heldBack = campaigns.get(0);
    List<String> even = campaigns.subList(1, campaigns.size());

    Map<String, Long> calls = callsWhileAllDialled(campaigns, even);
    System.out.printf("[fair share] 10 campaigns, one at 1/s, account %d/s: %s%n", CPS, calls);
    Map<String, Long> evenCalls = new HashMap<>(calls);
    long heldBackCalls = evenCalls.remove(heldBack);
    assertNearEven(evenCalls);
    // the one held back used what its own limit allows, the others shared the rest
    double perEven = evenCalls.values().stream().mapToLong(Long::longValue).average().orElseThrow();
    assertThat(heldBackCalls).isLessThan((long) (perEven * 0.75));
  }

  /** Starts each campaign on worker i mod 4 with {@code contacts} contacts; waits for the end. */
  private static List<String> dial(List<Document> options, int contacts) {
    List<String> campaigns = new ArrayList<>();
    List<String> dispatches = new ArrayList<>();
    for (Document option : options) {
      String dispatchId = Fixtures.dispatchId();
      campaigns.add(
          fixtures.runningCampaign(fixtures.list(Fixtures.numbers(contacts)), dispatchId, option));
      dispatches.add(dispatchId);
    }
    for (int i = 0; i < campaigns.size(); i++) {
      assertThat(workers.get(i % WORKERS).start(campaigns.get(i), dispatches.get(i)))
          .isEqualTo(CampaignSessions.StartOutcome.STARTED);
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> campaigns.stream().allMatch(id -> "completed".equals(fixtures.status(id))));
    return campaigns;
  }

  /**
   * Each campaign's calls received while all of them were dialling: from a second after the last
   * one's first call (the split settles) to the first end of one of {@code endingOnes}.
   */
  private static Map<String, Long> callsWhileAllDialled(
      List<String> campaigns, List<String> endingOnes) {
    Map<String, List<Instant>> received = new HashMap<>();
    for (AuditedRequest request : AuditLog.read(auditLog).requests()) {
      String campaign = campaignOf(request.answerUrl());
      if (campaigns.contains(campaign)) {
        received.computeIfAbsent(campaign, id -> new ArrayList<>()).add(request.receivedAt());
      }
    }
    assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(campaigns);
    Instant from =
        received.values().stream().map(times -> times.get(0)).max(Instant::compareTo).orElseThrow();
    from = from.plusSeconds(1);
    Instant to =
        endingOnes.stream()
            .map(id -> received.get(id).get(received.get(id).size() - 1))
            .min(Instant::compareTo)
            .orElseThrow();
    assertThat(Duration.between(from, to)).isGreaterThan(Duration.ofSeconds(3));
    Map<String, Long> counts = new HashMap<>();
    for (String campaign : campaigns) {
      Instant start = from;
      counts.put(
          campaign,
          received.get(campaign).stream()
              .filter(at -> !at.isBefore(start) && at.isBefore(to))
              .count());
    }
    return counts;
  }

  /**
   * Each campaign within {@code TOLERANCE} (20 %) of the even share. The goal is 10 % (met by the 2
   * campaigns on a quiet machine); on 2 cores shared with other builds, four workers in one JVM
   * measured up to 18 % apart with 10 campaigns, so the test allows that much.
   */
  private static void assertNearEven(Map<String, Long> calls) {
    double even = calls.values().stream().mapToLong(Long::longValue).average().orElseThrow();
    assertThat(even).isGreaterThan(10);
    assertThat(calls.values())
        .allSatisfy(
            count ->
                assertThat((double) count)
                    .isBetween(even * (1 - TOLERANCE), even * (1 + TOLERANCE)));
  }

  /** The campaign of a call, from its attempt: the answer URL ends with the attempt's id. */
  private static String campaignOf(String answerUrl) {
    String path =
        answerUrl.contains("?") ? answerUrl.substring(0, answerUrl.indexOf('?')) : answerUrl;
    String callId = path.substring(path.lastIndexOf('/') + 1);
    Document attempt = workers.get(0).mongo().findById(callId, Document.class, "calls");
    return attempt == null ? null : attempt.get("campaignId").toString();
  }
}
