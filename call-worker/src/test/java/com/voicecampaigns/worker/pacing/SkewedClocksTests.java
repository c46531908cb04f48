package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two workers whose clocks are 500 ms apart (one 250 ms ahead of MongoDB's, one 250 ms behind)
 * share one account limit of 4 calls per second. Pacing compares times on MongoDB's clock, so the
 * skew must not let a one-second window at Plivo hold a fifth call; audited from the simulator's
 * own log.
 */
class SkewedClocksTests {

  static final int CPS = 4;
  static final int PER_CAMPAIGN = 24;
  static PlivoSimulator plivo;
  static Path auditLog;
  static WorkerInstance ahead;
  static WorkerInstance behind;
  static Fixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    auditLog = Files.createTempFile("skewed-clocks-audit", ".jsonl");
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withAuditLog(auditLog)
                .withRingDelay(Duration.ofMillis(50))
                .withCallDuration(Duration.ofMillis(100)));
    String database = MongoBackend.freshDatabaseName(SkewedClocksTests.class);
    Map<String, String> account = Map.of("plivo.cps", Integer.toString(CPS));
    ahead = WorkerInstance.start(database, "skew", plivo, "ahead", with(account, "250ms"));
    behind = WorkerInstance.start(database, "skew", plivo, "behind", with(account, "-250ms"));
    fixtures = new Fixtures(ahead.mongo());
  }

  private static Map<String, String> with(Map<String, String> account, String offset) {
    Map<String, String> properties = new java.util.HashMap<>(account);
    properties.put("test.clock-offset", offset);
    return properties;
  }

  @AfterAll
  static void stop() throws Exception {
    ahead.close();
    behind.close();
    plivo.close();
    Files.deleteIfExists(auditLog);
  }

  @Test
  void workersWithClocksHalfASecondApartStillKeepTheAccountsCallsPerSecond() {
    // each worker measured its own clock against MongoDB's
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ahead.bean(ServerClock.class).unusable().isEmpty()
                    && behind.bean(ServerClock.class).unusable().isEmpty());
    assertThat(offsetMillis(ahead)).isCloseTo(-250, within(30.0));
    assertThat(offsetMillis(behind)).isCloseTo(250, within(30.0));

    List<String> phones = Fixtures.numbers(2 * PER_CAMPAIGN);
    String first = campaign(ahead, phones.subList(0, PER_CAMPAIGN));
    String second = campaign(behind, phones.subList(PER_CAMPAIGN, 2 * PER_CAMPAIGN));
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                "completed".equals(fixtures.status(first))
                    && "completed".equals(fixtures.status(second)));

    AuditLog audit = AuditLog.read(auditLog);
    assertThat(audit.callsPerNumber())
        .hasSize(2 * PER_CAMPAIGN)
        .allSatisfy((n, c) -> assertThat(c).isOne());
    int worst = audit.maxCallsInAnyWindow(Duration.ofSeconds(1));
    List<AuditedRequest> requests = audit.requests();
    double seconds =
        Duration.between(
                    requests.get(0).receivedAt(), requests.get(requests.size() - 1).receivedAt())
                .toNanos()
            / 1e9;
    double rate = (requests.size() - 1) / seconds;
    System.out.printf(
        "[skewed clocks] %d calls, limit %d/s: worst 1 s window %d, achieved %.2f calls/s%n",
        requests.size(), CPS, worst, rate);
    assertThat(worst).isLessThanOrEqualTo(CPS);
    // and the two workers together still used the account's rate: its ceiling is
    // cps / (1 s + the 100 ms timing allowance) = 90.9 %
    assertThat(rate).isGreaterThan(0.8 * CPS);
  }

  private static double offsetMillis(WorkerInstance worker) {
    return worker.bean(ServerClock.class).measurement().orElseThrow().offset().toNanos() / 1e6;
  }

  private static String campaign(WorkerInstance worker, List<String> phones) {
    String dispatchId = Fixtures.dispatchId();
    String campaignId = fixtures.runningCampaign(fixtures.list(phones), dispatchId, new Document());
    assertThat(worker.start(campaignId, dispatchId))
        .isEqualTo(CampaignSessions.StartOutcome.STARTED);
    return campaignId;
  }
}
