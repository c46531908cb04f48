package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.CallOutcome;
import com.voicecampaigns.simulator.Fault;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatedCall;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.SimulatorRecords;
import com.voicecampaigns.worker.WorkerInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One worker against the Plivo simulator: each test runs a small campaign of its own numbers and
 * tries to make the worker call someone twice, call after a pause or cancel, or lose a campaign.
 */
class DialingTests {

  static final String TOPICS = "dialing";
  static PlivoSimulator plivo;
  static WorkerInstance worker;
  static Fixtures fixtures;

  @BeforeAll
  static void start() {
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(50))
                .withCallDuration(Duration.ofMillis(300)));
    worker =
        WorkerInstance.start(
            MongoBackend.freshDatabaseName(DialingTests.class),
            TOPICS,
            plivo,
            "w-dialing",
            Map.of());
    fixtures = new Fixtures(worker.mongo());
  }

  @AfterAll
  static void stop() {
    worker.close();
    plivo.close();
  }

  @AfterEach
  void dialingBackOn() {
    plivo.clearFaults();
    fixtures.dialing(true);
  }

  @Test
  void dialsEveryContactOnceConnectsTheBotAndCompletesWithFinalCounts() {
    List<String> phones = Fixtures.numbers(12);
    String campaignId = fixtures.startOn(worker, phones, new Document());

    fixtures.awaitStatus(campaignId, "completed");
    for (String phone : phones) {
      List<SimulatedCall> received = plivo.callsTo(phone);
      assertThat(received).hasSize(1);
      assertThat(received.get(0).answerXml())
          .contains("<Stream")
          .contains("bidirectional=\"true\"")
          .contains("keepCallAlive=\"true\"")
          .contains("wss://bot.example.com/socket")
          .contains("campaignId=" + campaignId);
      assertThat(received.get(0).hangupStatus()).isEqualTo(200);
      assertThat(received.get(0).answerMethod()).isEqualTo("POST");
    }
    assertThat(fixtures.calls(campaignId))
        .hasSize(12)
        .allSatisfy(
            call -> {
              assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
              assertThat(call.requestUuid()).isNotNull();
              assertThat(call.callUuid()).isNotNull();
              assertThat(call.durationSeconds()).isEqualTo(1);
              assertThat(call.answeredAt()).isNotNull();
              assertThat(call.plivoRequests()).isEqualTo(1);
            });
    assertThat(fixtures.stat(campaignId, "completed")).isEqualTo(12);
    fixtures.awaitCountersEqualARecount(campaignId);
    Document campaign = fixtures.campaign(campaignId);
    assertThat(campaign.get(CampaignFields.WORKER_ID)).isNull();
    assertThat(campaign.get(CampaignFields.COMPLETED_AT)).isNotNull();
    assertThat(campaign.getBoolean(CampaignFields.CONTACTS_EXHAUSTED)).isTrue();
  }

  @Test
  void duplicateAndStaleCampaignStartsDialEveryContactOnlyOnce() throws Exception {
    List<String> phones = Fixtures.numbers(6);
    String dispatchId = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones), dispatchId, new Document(CampaignFields.CALLS_PER_SECOND, 10));
    String start = Fixtures.startEvent(campaignId, dispatchId);

    // through the broker: the event twice (Pub/Sub delivers at least once) and a stale one
    PubSubTopicProbe.publish("campaign-start-" + TOPICS, start);
    PubSubTopicProbe.publish("campaign-start-" + TOPICS, start);
    PubSubTopicProbe.publish(
        "campaign-start-" + TOPICS, Fixtures.startEvent(campaignId, Fixtures.dispatchId()));
    // and two more copies handed to the consumer at the same instant
    ExecutorService racers = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier together = new CyclicBarrier(2);
      Callable<CampaignSessions.StartOutcome> duplicate =
          () -> {
            together.await();
            return worker.start(campaignId, dispatchId);
          };
      List<Future<CampaignSessions.StartOutcome>> outcomes =
          racers.invokeAll(List.of(duplicate, duplicate));
      for (Future<CampaignSessions.StartOutcome> outcome : outcomes) {
        assertThat(outcome.get())
            .isIn(
                CampaignSessions.StartOutcome.STARTED,
                CampaignSessions.StartOutcome.ALREADY_RUNNING);
      }
    } finally {
      racers.shutdownNow();
    }

    fixtures.awaitStatus(campaignId, "completed");
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    assertThat(fixtures.calls(campaignId)).hasSize(6);
    assertThat(worker.start(campaignId, dispatchId))
        .isEqualTo(CampaignSessions.StartOutcome.NOT_TAKEN);
  }

  @Test
  void aCampaignStartPublishedToTheTopicStartsTheCampaign() {
    List<String> phones = Fixtures.numbers(2);
    String dispatchId = Fixtures.dispatchId();
    String campaignId = fixtures.runningCampaign(fixtures.list(phones), dispatchId, new Document());

    PubSubTopicProbe.publish(
        "campaign-start-" + TOPICS, Fixtures.startEvent(campaignId, dispatchId));

    // the emulator can be slow to deliver on a loaded machine
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> "completed".equals(fixtures.status(campaignId)));
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    assertThat(fixtures.campaign(campaignId).get(CampaignFields.DISPATCH_ID)).isEqualTo(dispatchId);
  }

  @Test
  void aServerErrorMakesTheAttemptUnknownAndItIsNeverSentAgain() {
    List<String> phones = Fixtures.numbers(1);
    plivo.failNext(500, 2);
    String campaignId = fixtures.startOn(worker, phones, new Document());

    // an unknown attempt keeps the campaign open for a while (its callbacks may still come)
    fixtures.awaitStatus(campaignId, "completed");
    List<SimulatedCall> requests = plivo.callsTo(phones.get(0));
    // plivo-java alone would POST three times per 500 (base URL and two fallbacks)
    assertThat(requests).extracting(SimulatedCall::responseStatus).containsExactly(500);
    CallAttemptDocument call = fixtures.calls(campaignId).get(0);
    assertThat(call.plivoRequests()).isEqualTo(1);
    assertThat(call.status()).isEqualTo(CallStatus.UNKNOWN);
    assertThat(call.unknownSince()).isNotNull();
    assertThat(fixtures.calls(campaignId)).hasSize(1);
    assertThat(fixtures.stat(campaignId, "unknown")).isEqualTo(1);
  }

  @Test
  void anUnavailableServiceIsTriedAgainWithOneRequestPerTryAndOneCall() {
    List<String> phones = Fixtures.numbers(1);
    plivo.failNext(503, 2);
    String campaignId = fixtures.startOn(worker, phones, new Document());

    fixtures.awaitStatus(campaignId, "completed");
    List<SimulatedCall> requests = plivo.callsTo(phones.get(0));
    assertThat(requests).extracting(SimulatedCall::responseStatus).containsExactly(503, 503, 201);
    CallAttemptDocument call = fixtures.calls(campaignId).get(0);
    assertThat(call.plivoRequests()).isEqualTo(3);
    assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(fixtures.calls(campaignId)).hasSize(1);
  }

  @Test
  void rateLimitedRequestsAreTriedAgainAfterABackoffWithoutADuplicateCall() {
    List<String> phones = Fixtures.numbers(1);
    plivo.failNext(429, 2);
    String campaignId = fixtures.startOn(worker, phones, new Document());

    fixtures.awaitStatus(campaignId, "completed");
    List<SimulatedCall> requests = plivo.callsTo(phones.get(0));
    assertThat(requests).extracting(SimulatedCall::responseStatus).containsExactly(429, 429, 201);
    // initial backoff 200ms, doubled: 200ms, then 400ms
    assertThat(gap(requests.get(0), requests.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(gap(requests.get(1), requests.get(2)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(requests.stream().filter(SimulatedCall::accepted)).hasSize(1);
  }

  @Test
  void aTimedOutRequestIsNeverRepeatedAndItsLateCallbacksReconcileTheAttempt() {
    List<String> phones = Fixtures.numbers(1);
    // Plivo places the call 4s after the request; the worker stops waiting after 2s, marks the
    // attempt unknown and never sends it again; the call's callbacks then reconcile it
    plivo.failNext(Fault.delayOnly(Duration.ofSeconds(4), 1));
    String campaignId = fixtures.startOn(worker, phones, new Document());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                plivo.callsTo(phones.get(0)).size() == 1
                    && plivo.callsTo(phones.get(0)).get(0).finished());
    fixtures.awaitStatus(campaignId, "completed");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> plivo.callsTo(phones.get(0)).stream().allMatch(SimulatedCall::finished));
    assertThat(plivo.callsTo(phones.get(0))).hasSize(1);
    CallAttemptDocument call = fixtures.calls(campaignId).get(0);
    assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(call.plivoRequests()).isEqualTo(1);
    assertThat(call.requestUuid()).isEqualTo(plivo.callsTo(phones.get(0)).get(0).requestUuid());
    assertThat(fixtures.calls(campaignId)).hasSize(1);
  }

  @Test
  void refusedCredentialsFailTheCampaignWithAReason() {
    List<String> phones = Fixtures.numbers(3);
    plivo.failNext(401, 1);
    String campaignId = fixtures.startOn(worker, phones, new Document());

    fixtures.awaitStatus(campaignId, "failed");
    Document campaign = fixtures.campaign(campaignId);
    assertThat(campaign.getString(CampaignFields.FAILURE_REASON))
        .contains("credentials")
        .contains("401");
    assertThat(campaign.get(CampaignFields.WORKER_ID)).isNull();
    phones.forEach(
        phone ->
            assertThat(plivo.callsTo(phone).stream().filter(SimulatedCall::accepted)).isEmpty());
    assertThat(fixtures.calls(campaignId))
        .allSatisfy(call -> assertThat(call.status()).isEqualTo(CallStatus.FAILED));
  }

  @Test
  void anAccountLevelRefusalFailsTheCampaignInsteadOfEveryContact() {
    List<String> phones = Fixtures.numbers(3);
    plivo.failNext(
        Fault.of(402, 1).withBody("{\"api_id\":\"x\",\"error\":\"insufficient credit\"}"));
    String campaignId = fixtures.startOn(worker, phones, new Document());

    fixtures.awaitStatus(campaignId, "failed");
    assertThat(fixtures.campaign(campaignId).getString(CampaignFields.FAILURE_REASON))
        .contains("insufficient credit");
    assertThat(fixtures.calls(campaignId)).hasSize(1);
    phones.forEach(
        phone ->
            assertThat(plivo.callsTo(phone).stream().filter(SimulatedCall::accepted)).isEmpty());
  }

  @Test
  void aCampaignWhoseListIsGoneFailsWithAReason() {
    String dispatchId = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(new ObjectId().toHexString(), dispatchId, new Document());
    worker.start(campaignId, dispatchId);

    fixtures.awaitStatus(campaignId, "failed");
    assertThat(fixtures.campaign(campaignId).getString(CampaignFields.FAILURE_REASON))
        .contains("no longer exists");
  }

  @Test
  void busyContactsAreDialledAgainAfterTheBackoffAndNoMoreThanThePolicyAllows() {
    List<String> phones = Fixtures.numbers(2);
    plivo.forceOutcome(phones.get(0), CallOutcome.BUSY);
    String campaignId =
        fixtures.startOn(
            worker,
            phones,
            new Document(
                CampaignFields.RETRY_POLICY,
                new Document(CampaignFields.RETRY_MAX_ATTEMPTS, 2)
                    .append(CampaignFields.RETRY_ON, List.of("busy", "no-answer"))
                    .append(CampaignFields.RETRY_BACKOFF_SECONDS, 2)));

    fixtures.awaitStatus(campaignId, "completed");
    List<SimulatedCall> busy = plivo.callsTo(phones.get(0));
    assertThat(busy).hasSize(2);
    assertThat(busy.get(1).receivedAt()).isAfterOrEqualTo(busy.get(0).endedAt().plusSeconds(2));
    List<CallAttemptDocument> attempts = fixtures.callsTo(campaignId, phones.get(0));
    assertThat(attempts).extracting(CallAttemptDocument::attempt).containsExactly(1, 2);
    assertThat(attempts).extracting(CallAttemptDocument::status).containsOnly(CallStatus.BUSY);
    assertThat(attempts.get(1).notBefore())
        .isAfterOrEqualTo(attempts.get(0).endedAt().plusSeconds(2));
    assertThat(plivo.callsTo(phones.get(1))).hasSize(1);
    assertThat(fixtures.stat(campaignId, "busy")).isEqualTo(2);
    assertThat(fixtures.stat(campaignId, "completed")).isEqualTo(1);
  }

  @Test
  void anUnknownAttemptReconciledAsBusyByALateHangupGetsItsRetry() {
    List<String> phones = Fixtures.numbers(1);
    plivo.forceOutcome(phones.get(0), CallOutcome.BUSY);
    // the call is placed, but the worker hears 504: the attempt is unknown, and the hangup
    // callback (busy) is the first outcome it gets
    plivo.failNext(Fault.afterPlacing(504, 1));
    String campaignId =
        fixtures.startOn(
            worker,
            phones,
            new Document(
                CampaignFields.RETRY_POLICY,
                new Document(CampaignFields.RETRY_MAX_ATTEMPTS, 2)
                    .append(CampaignFields.RETRY_ON, List.of("busy", "no-answer"))
                    .append(CampaignFields.RETRY_BACKOFF_SECONDS, 1)));

    fixtures.awaitStatus(campaignId, "completed");
    List<SimulatedCall> requests = plivo.callsTo(phones.get(0));
    assertThat(requests).extracting(SimulatedCall::responseStatus).containsExactly(504, 201);
    List<CallAttemptDocument> attempts = fixtures.callsTo(campaignId, phones.get(0));
    assertThat(attempts).extracting(CallAttemptDocument::attempt).containsExactly(1, 2);
    assertThat(attempts).extracting(CallAttemptDocument::status).containsOnly(CallStatus.BUSY);
    assertThat(attempts).extracting(CallAttemptDocument::plivoRequests).containsOnly(1);
    assertThat(attempts.get(0).callUuid()).isEqualTo(requests.get(0).callUuid());
  }

  @Test
  void invalidNumbersAreNeverDialledAgain() {
    List<String> phones = Fixtures.numbers(2);
    plivo.failNext(400, 1); // Plivo refuses the first number
    plivo.forceOutcome(phones.get(1), CallOutcome.FAILED); // UNALLOCATED_NUMBER
    String campaignId =
        fixtures.startOn(
            worker,
            phones,
            new Document(
                CampaignFields.RETRY_POLICY,
                new Document(CampaignFields.RETRY_MAX_ATTEMPTS, 3)
                    .append(CampaignFields.RETRY_ON, List.of("busy", "no-answer", "failed"))
                    .append(CampaignFields.RETRY_BACKOFF_SECONDS, 1)));

    fixtures.awaitStatus(campaignId, "completed");
    assertThat(fixtures.calls(campaignId))
        .hasSize(2)
        .allSatisfy(
            call -> {
              assertThat(call.attempt()).isEqualTo(1);
              assertThat(call.status()).isEqualTo(CallStatus.FAILED);
            });
    assertThat(fixtures.callsTo(campaignId, phones.get(0)).get(0).error()).contains("400");
    assertThat(fixtures.callsTo(campaignId, phones.get(1)).get(0).hangupCause())
        .isEqualTo("UNALLOCATED_NUMBER");
    assertThat(plivo.callsTo(phones.get(1))).hasSize(1);
    assertThat(fixtures.stat(campaignId, "failed")).isEqualTo(2);
  }

  @Test
  void noCallIsPlacedAfterAPauseIsAcknowledgedAndResumeDialsTheRestOnce() {
    List<String> phones = Fixtures.numbers(20);
    String campaignId =
        fixtures.startOn(worker, phones, new Document(CampaignFields.CALLS_PER_SECOND, 4));
    await().atMost(Duration.ofSeconds(20)).until(() -> accepted(phones) >= 3);

    assertThat(fixtures.pause(campaignId)).isTrue();
    long pausedAt = System.nanoTime();

    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receivedAfter(phones, pausedAt) == 0);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !worker.sessions().activeCampaigns().contains(campaignId));
    int dialledBeforePause = accepted(phones);
    assertThat(dialledBeforePause).isLessThan(20);
    assertThat(fixtures.calls(campaignId))
        .noneSatisfy(
            call -> {
              assertThat(call.status()).isEqualTo(CallStatus.DIALING);
              assertThat(call.requestUuid()).isNull();
            });

    String resumed = fixtures.resumeAndRedispatch(campaignId);
    worker.start(campaignId, resumed);
    fixtures.awaitStatus(campaignId, "completed");
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
  }

  @Test
  void noCallIsPlacedAfterACancelIsAcknowledged() {
    List<String> phones = Fixtures.numbers(20);
    String campaignId =
        fixtures.startOn(worker, phones, new Document(CampaignFields.CALLS_PER_SECOND, 4));
    await().atMost(Duration.ofSeconds(20)).until(() -> accepted(phones) >= 3);

    assertThat(fixtures.cancel(campaignId)).isTrue();
    long cancelledAt = System.nanoTime();

    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receivedAfter(phones, cancelledAt) == 0);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !worker.sessions().activeCampaigns().contains(campaignId));
    assertThat(fixtures.status(campaignId)).isEqualTo("cancelled");
    assertThat(accepted(phones)).isLessThan(20);
    assertThat(fixtures.calls(campaignId))
        .allSatisfy(
            call ->
                assertThat(call.status())
                    .isIn(
                        CallStatus.COMPLETED,
                        CallStatus.IN_PROGRESS,
                        CallStatus.RINGING,
                        CallStatus.CANCELLED));
    phones.forEach(phone -> assertThat(plivo.callsTo(phone).size()).isLessThanOrEqualTo(1));
  }

  @Test
  void theKillSwitchStopsDiallingWithinASecondAndDiallingResumesWhenItIsSwitchedBackOn() {
    List<String> phones = Fixtures.numbers(20);
    String campaignId =
        fixtures.startOn(worker, phones, new Document(CampaignFields.CALLS_PER_SECOND, 4));
    await().atMost(Duration.ofSeconds(20)).until(() -> accepted(phones) >= 3);

    fixtures.dialing(false);
    long switchedOffAt = System.nanoTime();
    long settled = switchedOffAt + Duration.ofSeconds(1).toNanos();

    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> receivedAfter(phones, settled) == 0);
    assertThat(accepted(phones)).isLessThan(20);
    assertThat(fixtures.status(campaignId)).isEqualTo("running");

    fixtures.dialing(true);
    fixtures.awaitStatus(campaignId, "completed");
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
  }

  @Test
  void aCampaignNeverHasMoreCallsLiveThanItsMaxConcurrentCalls() {
    List<String> phones = Fixtures.numbers(8);
    String campaignId =
        fixtures.startOn(worker, phones, new Document(CampaignFields.MAX_CONCURRENT_CALLS, 2));

    fixtures.awaitStatus(campaignId, "completed");
    List<SimulatedCall> calls = phones.stream().flatMap(p -> plivo.callsTo(p).stream()).toList();
    assertThat(calls).hasSize(8);
    assertThat(SimulatorRecords.maxConcurrent(calls)).isEqualTo(2);
  }

  @Test
  void aCampaignKeepsToItsOwnCallsPerSecond() {
    List<String> phones = Fixtures.numbers(10);
    String campaignId =
        fixtures.startOn(worker, phones, new Document(CampaignFields.CALLS_PER_SECOND, 4));

    fixtures.awaitStatus(campaignId, "completed");
    List<SimulatedCall> calls = phones.stream().flatMap(p -> plivo.callsTo(p).stream()).toList();
    assertThat(calls).hasSize(10);
    assertThat(SimulatorRecords.maxAcceptedInAnyWindow(calls, Duration.ofSeconds(1)))
        .isLessThanOrEqualTo(4);
  }

  @Test
  void exposesTheAgreedMetricsToPrometheus() throws Exception {
    List<String> phones = Fixtures.numbers(2);
    plivo.failNext(500, 1);
    String campaignId = fixtures.startOn(worker, phones, new Document());
    fixtures.awaitStatus(campaignId, "completed");

    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(worker.baseUrl() + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();

    assertThat(scrape)
        .contains("worker_calls_placed_total{application=\"call-worker\"")
        .contains("worker_calls_answered_total")
        .contains("worker_calls_ended_total{application=\"call-worker\",outcome=\"completed\"}")
        .contains("worker_calls_failed_total{application=\"call-worker\",reason=\"plivo-5xx\"}")
        .contains("worker_plivo_requests_seconds_bucket{application=\"call-worker\",status=\"201\"")
        .contains("worker_plivo_requests_seconds_count{application=\"call-worker\",status=\"500\"}")
        .contains("worker_calls_active{")
        .contains("worker_pacing_wait_seconds_count")
        .contains("worker_lease_takeovers_total")
        .contains("worker_campaigns_active{")
        .contains("worker_campaigns_capacity{application=\"call-worker\"} 8.0");
  }

  private static int accepted(List<String> phones) {
    return (int)
        phones.stream()
            .flatMap(phone -> plivo.callsTo(phone).stream())
            .filter(SimulatedCall::accepted)
            .count();
  }

  private static long receivedAfter(List<String> phones, long nanos) {
    return phones.stream()
        .flatMap(phone -> plivo.callsTo(phone).stream())
        .filter(call -> call.receivedNanos() > nanos)
        .count();
  }

  private static Duration gap(SimulatedCall first, SimulatedCall second) {
    return Duration.ofNanos(second.receivedNanos() - first.receivedNanos());
  }
}
