package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatedCall;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import com.voicecampaigns.worker.dialing.CampaignSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account's calls-per-second limit holds across workers: four workers, each dialling a campaign
 * of its own as fast as it may, share an account limit of 10 calls per second through MongoDB. The
 * simulator measures every one-second window of accepted calls.
 */
class AccountPacingTests {

  static final int WORKERS = 4;
  static final int CONTACTS = 200;
  static final int CPS = 10;
  static PlivoSimulator plivo;
  static final List<WorkerInstance> workers = new ArrayList<>();
  static Fixtures fixtures;

  @BeforeAll
  static void start() {
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(50))
                .withCallDuration(Duration.ofMillis(100)));
    String database = MongoBackend.freshDatabaseName(AccountPacingTests.class);
    for (int i = 1; i <= WORKERS; i++) {
      workers.add(
          WorkerInstance.start(
              database, "pacing", plivo, "pacer-" + i, Map.of("plivo.cps", Integer.toString(CPS))));
    }
    fixtures = new Fixtures(workers.get(0).mongo());
  }

  @AfterAll
  static void stop() {
    workers.forEach(WorkerInstance::close);
    plivo.close();
  }

  @Test
  void fourWorkersTogetherNeverExceedTheAccountsCallsPerSecondInAnyOneSecondWindow() {
    List<String> phones = Fixtures.numbers(CONTACTS);
    List<String> campaigns = new ArrayList<>();
    int perWorker = CONTACTS / WORKERS;
    for (int i = 0; i < WORKERS; i++) {
      String dispatchId = Fixtures.dispatchId();
      String campaignId =
          fixtures.runningCampaign(
              fixtures.list(phones.subList(i * perWorker, (i + 1) * perWorker)),
              dispatchId,
              new Document());
      campaigns.add(campaignId);
      assertThat(workers.get(i).start(campaignId, dispatchId))
          .isEqualTo(CampaignSessions.StartOutcome.STARTED);
    }

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> campaigns.stream().allMatch(id -> "completed".equals(fixtures.status(id))));

    List<SimulatedCall> accepted = plivo.calls().stream().filter(SimulatedCall::accepted).toList();
    assertThat(accepted).hasSize(CONTACTS);
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    for (WorkerInstance worker : workers) {
      assertThat(accepted).anyMatch(call -> call.answerUrl().startsWith(worker.baseUrl() + "/"));
    }
    int worstWindow = plivo.maxCallsInAnyWindow(Duration.ofSeconds(1));
    double seconds =
        (accepted.get(accepted.size() - 1).receivedNanos() - accepted.get(0).receivedNanos()) / 1e9;
    List<Long> delays = sendToArrivalMillis(accepted);
    System.out.printf(
        "[pacing] %d workers, %d calls, limit %d/s: worst 1s window %d, achieved %.2f calls/s;"
            + " dialedAt-to-arrival median %d ms, p99 %d ms, max %d ms%n",
        WORKERS,
        CONTACTS,
        CPS,
        worstWindow,
        (CONTACTS - 1) / seconds,
        delays.get(delays.size() / 2),
        delays.get((int) (delays.size() * 0.99)),
        delays.get(delays.size() - 1));
    assertThat(worstWindow).isLessThanOrEqualTo(CPS);
  }

  /**
   * How long each request took from its attempt's {@code dialedAt} (marked before the permits are
   * taken) to the simulator, sorted: the delay that the permits make harmless (spacing alone would
   * need it bounded).
   */
  private static List<Long> sendToArrivalMillis(List<SimulatedCall> calls) {
    return calls.stream()
        .map(
            call -> {
              String path =
                  call.answerUrl().split("\\?", 2)[0]; // the URL also names the call in its query
              String callId = path.substring(path.lastIndexOf('/') + 1);
              Document attempt = workers.get(0).mongo().findById(callId, Document.class, "calls");
              Instant sent = attempt.getDate("dialedAt").toInstant();
              return Duration.between(sent, call.receivedAt()).toMillis();
            })
        .sorted()
        .toList();
  }
}
