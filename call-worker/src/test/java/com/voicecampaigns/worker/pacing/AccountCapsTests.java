package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.simulator.AccountLimits;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.simulator.audit.AuditLog;
import com.voicecampaigns.simulator.audit.AuditedCall;
import com.voicecampaigns.simulator.audit.AuditedRequest;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import com.voicecampaigns.worker.dialing.CampaignSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account's concurrent-call cap and its API request cap hold across two workers, each dialling
 * a campaign of its own as fast as the account allows: the simulator enforces the same limits (5030
 * "Concurrency Limit Breached", 429) and its audit log shows whether any was crossed.
 */
class AccountCapsTests {

  static final int PER_CAMPAIGN = 15;
  PlivoSimulator plivo;
  Path auditLog;
  final List<WorkerInstance> workers = new ArrayList<>();
  Fixtures fixtures;

  @BeforeEach
  void startSimulator() throws Exception {
    auditLog = Files.createTempFile("account-limits-audit", ".jsonl");
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withAuditLog(auditLog)
                .withRingDelay(Duration.ofMillis(100))
                .withCallDuration(Duration.ofMillis(700)));
  }

  @AfterEach
  void stop() throws Exception {
    workers.forEach(WorkerInstance::close);
    workers.clear();
    plivo.close();
    Files.deleteIfExists(auditLog);
  }

  @Test
  void twoWorkersNeverHaveMoreCallsActiveThanTheAccountsConcurrentCallCap() {
    plivo.limits(AccountLimits.none().withMaxConcurrentCalls(3));
    startWorkers(
        Map.of(
            "plivo.cps", "0",
            "plivo.limits.max-concurrent-calls", "3",
            "worker.pacing.share-refresh-interval", "200ms"));

    AuditLog audit = dialTwoCampaigns();

    assertThat(audit.placedCalls())
        .extracting(AuditedCall::outcome)
        .doesNotContain("concurrency-limit");
    System.out.printf(
        "[concurrent calls] %d calls, cap 3: most active at once %d%n",
        audit.placedCalls().size(), audit.maxConcurrentCalls());
    // the cap was what held the calls back, and it held
    assertThat(audit.maxConcurrentCalls()).isEqualTo(3);
  }

  @Test
  void twoWorkersNeverSendMoreApiRequestsThanTheAccountsApiRequestCap() {
    Duration window = Duration.ofSeconds(2);
    plivo.limits(AccountLimits.none().withApiRequests(12, window));
    startWorkers(
        Map.of(
            "plivo.cps", "0",
            "plivo.limits.api-requests", "12",
            "plivo.limits.api-window", "2s"));

    AuditLog audit = dialTwoCampaigns();

    assertThat(audit.requests()).extracting(AuditedRequest::status).containsOnly(201);
    int worst = maxRequestsInAnyWindow(audit.requests(), window);
    System.out.printf(
        "[api requests] %d requests, cap 12 per 2 s: most in any 2 s window %d%n",
        audit.requests().size(), worst);
    assertThat(worst).isBetween(10, 12);
  }

  private void startWorkers(Map<String, String> settings) {
    String database = MongoBackend.freshDatabaseName(AccountCapsTests.class);
    for (String id : List.of("limits-1", "limits-2")) {
      workers.add(WorkerInstance.start(database, "limits", plivo, id, settings));
    }
    fixtures = new Fixtures(workers.get(0).mongo());
  }

  /** Two campaigns, one on each worker, dialled to the end; the simulator's log of it. */
  private AuditLog dialTwoCampaigns() {
    List<String> phones = Fixtures.numbers(2 * PER_CAMPAIGN);
    List<String> campaigns = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String dispatchId = Fixtures.dispatchId();
      String campaignId =
          fixtures.runningCampaign(
              fixtures.list(phones.subList(i * PER_CAMPAIGN, (i + 1) * PER_CAMPAIGN)),
              dispatchId,
              new Document());
      campaigns.add(campaignId);
      assertThat(workers.get(i).start(campaignId, dispatchId))
          .isEqualTo(CampaignSessions.StartOutcome.STARTED);
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> campaigns.stream().allMatch(id -> "completed".equals(fixtures.status(id))));
    AuditLog audit = AuditLog.read(auditLog);
    // every contact rang once, and only once
    assertThat(audit.callsPerNumber()).hasSize(2 * PER_CAMPAIGN);
    assertThat(audit.callsPerNumber().values()).containsOnly(1L);
    return audit;
  }

  private static int maxRequestsInAnyWindow(List<AuditedRequest> requests, Duration window) {
    long[] at =
        requests.stream()
            .mapToLong(
                r -> r.receivedAt().getEpochSecond() * 1_000_000_000L + r.receivedAt().getNano())
            .sorted()
            .toArray();
    int best = 0;
    int start = 0;
    for (int end = 0; end < at.length; end++) {
      while (at[end] - at[start] >= window.toNanos()) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
