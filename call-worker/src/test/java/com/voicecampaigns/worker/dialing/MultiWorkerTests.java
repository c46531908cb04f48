package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatedCall;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Two workers (two Spring contexts in this JVM) sharing one database and one Plivo simulator: each
 * test tries to get a contact dialled twice while both work on the same campaign. A call's worker
 * is the one that claimed its attempt ({@code workerId}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the last test shuts w1 down
class MultiWorkerTests {

  static final String TOPICS = "multi";
  static PlivoSimulator plivo;
  static WorkerInstance w1;
  static WorkerInstance w2;
  static Fixtures fixtures;
  static PubSubTopicProbe hints;

  @BeforeAll
  static void start() {
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(50))
                .withCallDuration(Duration.ofMillis(200)));
    String database = MongoBackend.freshDatabaseName(MultiWorkerTests.class);
    // w2 listens on a topic of its own, so a test can send a start to it alone
    w2 =
        WorkerInstance.start(
            database, TOPICS + "-w2", plivo, "w2", Map.of("worker.max-active-campaigns", "1"));
    // behind a load balancer: Plivo's callbacks for w1's calls may reach any worker (here w2,
    // which outlives w1)
    w1 =
        WorkerInstance.start(
            database, TOPICS, plivo, "w1", Map.of("worker.public-url", w2.baseUrl()));
    fixtures = new Fixtures(w2.mongo()); // w1 is shut down by the last test
    hints = PubSubTopicProbe.watch("campaign-scheduled-" + TOPICS);
  }

  @AfterAll
  static void stop() {
    hints.close();
    w1.close();
    w2.close();
    plivo.close();
  }

  @Test
  @Order(1)
  void twoWorkersRacingForOneCampaignDialEachContactOnce() throws Exception {
    List<String> phones = Fixtures.numbers(10);
    String dispatchId = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones), dispatchId, new Document(CampaignFields.CALLS_PER_SECOND, 20));

    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService racers = Executors.newFixedThreadPool(2);
    List<Future<CampaignSessions.StartOutcome>> outcomes;
    try {
      outcomes =
          racers.invokeAll(
              List.<Callable<CampaignSessions.StartOutcome>>of(
                  () -> {
                    together.await();
                    return w1.start(campaignId, dispatchId);
                  },
                  () -> {
                    together.await();
                    return w2.start(campaignId, dispatchId);
                  }));
    } finally {
      racers.shutdownNow();
    }

    assertThat(List.of(outcomes.get(0).get(), outcomes.get(1).get()))
        .containsExactlyInAnyOrder(
            CampaignSessions.StartOutcome.STARTED, CampaignSessions.StartOutcome.NOT_TAKEN);
    awaitStatus(campaignId, "completed");
    fixtures.awaitCountersEqualARecount(campaignId);
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    assertThat(fixtures.calls(campaignId)).hasSize(10);
  }

  @Test
  @Order(2)
  void aWorkerWhoseCampaignWasDispatchedAgainStopsBeforeItsNextCall() {
    List<String> phones = Fixtures.numbers(20);
    String first = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones), first, new Document(CampaignFields.CALLS_PER_SECOND, 4));
    assertThat(w1.start(campaignId, first)).isEqualTo(CampaignSessions.StartOutcome.STARTED);
    await().atMost(Duration.ofSeconds(20)).until(() -> callsBy(w1, phones).size() >= 3);

    // the dispatcher believed w1 dead (say, its heartbeats were late) and dispatched again
    String second = Fixtures.dispatchId();
    fixtures.update(
        campaignId,
        new Document(),
        new Update()
            .set(CampaignFields.DISPATCH_ID, second)
            .set(CampaignFields.DISPATCHED_AT, Instant.now())
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL));
    long redispatchedAt = System.nanoTime();
    // a late copy of the old start does not bring w1 back
    assertThat(w1.start(campaignId, first)).isEqualTo(CampaignSessions.StartOutcome.NOT_TAKEN);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !w1.sessions().activeCampaigns().contains(campaignId));
    double takeoversBefore = w2.takeovers();
    assertThat(w2.start(campaignId, second)).isEqualTo(CampaignSessions.StartOutcome.STARTED);
    assertThat(w2.takeovers()).isEqualTo(takeoversBefore + 1);

    awaitStatus(campaignId, "completed");
    fixtures.awaitCountersEqualARecount(campaignId);
    assertThat(callsBy(w1, phones))
        .allSatisfy(call -> assertThat(call.receivedNanos()).isLessThan(redispatchedAt));
    assertThat(callsBy(w2, phones)).isNotEmpty();
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    assertThat(fixtures.calls(campaignId))
        .hasSize(20)
        .allSatisfy(call -> assertThat(call.status()).isEqualTo(CallStatus.COMPLETED));
  }

  @Test
  @Order(3)
  void aWorkerAtCapacityHandsTheStartBackForRedeliveryAndTakesItOnceFree() {
    List<String> first = Fixtures.numbers(6);
    List<String> second = Fixtures.numbers(3);
    String firstDispatch = Fixtures.dispatchId();
    String firstId =
        fixtures.runningCampaign(
            fixtures.list(first), firstDispatch, new Document(CampaignFields.CALLS_PER_SECOND, 2));
    String secondDispatch = Fixtures.dispatchId();
    String secondId =
        fixtures.runningCampaign(fixtures.list(second), secondDispatch, new Document());
    assertThat(w2.start(firstId, firstDispatch)).isEqualTo(CampaignSessions.StartOutcome.STARTED);

    assertThatThrownBy(() -> w2.start(secondId, secondDispatch))
        .isInstanceOf(RedeliverLaterException.class);
    PubSubTopicProbe.publish(
        "campaign-start-" + TOPICS + "-w2", Fixtures.startEvent(secondId, secondDispatch));

    awaitStatus(firstId, "completed");
    fixtures.awaitCountersEqualARecount(firstId);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> "completed".equals(fixtures.status(secondId)));
    Instant firstCompleted =
        fixtures.campaign(firstId).getDate(CampaignFields.COMPLETED_AT).toInstant();
    second.forEach(
        phone -> {
          assertThat(plivo.callsTo(phone)).hasSize(1);
          assertThat(plivo.callsTo(phone).get(0).receivedAt()).isAfter(firstCompleted);
        });
  }

  @Test
  @Order(4)
  void onShutdownAWorkerReleasesItsCampaignAtOnceAndAnotherFinishesItWithoutRedialling() {
    List<String> phones = Fixtures.numbers(30);
    String first = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones), first, new Document(CampaignFields.CALLS_PER_SECOND, 4));
    assertThat(w1.start(campaignId, first)).isEqualTo(CampaignSessions.StartOutcome.STARTED);
    await().atMost(Duration.ofSeconds(20)).until(() -> callsBy(w1, phones).size() >= 3);

    Instant shutdownStarted = Instant.now();
    w1.close(); // graceful, as on SIGTERM
    long closedAt = System.nanoTime();

    assertThat(Duration.between(shutdownStarted, Instant.now())).isLessThan(Duration.ofSeconds(10));
    Document released = fixtures.campaign(campaignId);
    assertThat(released.get(CampaignFields.WORKER_ID)).isNull();
    assertThat(released.getString(CampaignFields.STATUS)).isEqualTo("running");
    assertThat(released.getDate(CampaignFields.RESUME_AT).toInstant())
        .isBetween(shutdownStarted, Instant.now());
    assertThat(released.get(CampaignFields.CURSOR)).isNotNull();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hints.received().stream().anyMatch(hint -> hint.contains(campaignId)));
    assertThat(fixtures.calls(campaignId))
        .noneSatisfy(
            call -> {
              assertThat(call.status()).isEqualTo(CallStatus.DIALING);
              assertThat(call.requestUuid()).isNull();
            });
    assertThat(callsBy(w1, phones))
        .allSatisfy(call -> assertThat(call.receivedNanos()).isLessThan(closedAt));

    // the dispatcher sees resumeAt <= now and dispatches again
    String second = fixtures.resumeAndRedispatch(campaignId);
    double takeoversBefore = w2.takeovers();
    assertThat(w2.start(campaignId, second)).isEqualTo(CampaignSessions.StartOutcome.STARTED);
    assertThat(w2.takeovers()).isEqualTo(takeoversBefore); // a handover, not a takeover
    awaitStatus(campaignId, "completed");
    fixtures.awaitCountersEqualARecount(campaignId);
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    assertThat(fixtures.calls(campaignId)).extracting(CallAttemptDocument::attempt).containsOnly(1);
  }

  private static List<SimulatedCall> callsBy(WorkerInstance worker, List<String> phones) {
    return plivo.calls().stream()
        .filter(SimulatedCall::accepted)
        .filter(call -> phones.contains(call.to()))
        .filter(call -> worker.id().equals(attemptOf(call).workerId()))
        .toList();
  }

  private static CallAttemptDocument attemptOf(SimulatedCall call) {
    String path = call.answerUrl().split("\\?", 2)[0]; // the URL also names the call in its query
    String callId = path.substring(path.lastIndexOf('/') + 1);
    return w2.mongo().findById(callId, CallAttemptDocument.class);
  }

  private static void awaitStatus(String campaignId, String status) {
    await().atMost(Duration.ofSeconds(60)).until(() -> status.equals(fixtures.status(campaignId)));
  }
}
