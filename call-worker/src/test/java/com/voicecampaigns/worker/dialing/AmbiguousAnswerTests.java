package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.FaultShares;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.simulator.audit.AuditLog;
import com.voicecampaigns.simulator.audit.AuditedCall;
import com.voicecampaigns.simulator.audit.AuditedRequest;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At most once, audited from the simulator's own log: a worker against an API that answers a share
 * of its Make-Call requests ambiguously (504, a timeout or a closed connection after placing the
 * call; 500, 502, a connection closed without placing it) or with "not placed" (429, 503), and that
 * closes keep-alive connections idle for 5 s, as Node.js servers do. No phone may ring twice, no
 * request may be sent again after an ambiguous answer, and idle-closed connections must cost
 * neither a delay nor an {@code unknown} attempt.
 */
class AmbiguousAnswerTests {

  static final String TOPICS = "ambiguous";
  static final Path AUDIT = Path.of("target", "ambiguous-answer-audit.jsonl");
  static final Set<Integer> NOT_PLACED = Set.of(429, 503);

  static PlivoSimulator plivo;
  static WorkerInstance worker;
  static Fixtures fixtures;

  @BeforeAll
  static void start() throws IOException {
    Files.createDirectories(AUDIT.getParent());
    Files.deleteIfExists(AUDIT);
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(50))
                .withCallDuration(Duration.ofMillis(200))
                // a held answer outlasts the worker's read timeout (2s)
                .withFaultHold(Duration.ofSeconds(3))
                .withIdleTimeout(Duration.ofSeconds(5))
                .withAuditLog(AUDIT));
    worker =
        WorkerInstance.start(
            MongoBackend.freshDatabaseName(AmbiguousAnswerTests.class),
            TOPICS,
            plivo,
            "w-ambiguous",
            Map.of());
    fixtures = new Fixtures(worker.mongo());
  }

  @AfterAll
  static void stop() {
    worker.close();
    plivo.close();
  }

  @AfterEach
  void noMoreFaults() {
    plivo.faultShares(FaultShares.none());
  }

  @Test
  void ambiguousAnswersNeverRingAPhoneTwiceAndOnlyNotPlacedOnesAreSentAgain() {
    plivo.faultShares(
        FaultShares.parse(
            "504-after-placing=0.1,timeout-after-placing=0.08,close-after-placing=0.08,"
                + "500=0.08,502=0.05,close=0.05,429=0.1,503=0.1"));
    List<String> phones = Fixtures.numbers(40);
    String campaignId = startCampaign(phones);

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> "completed".equals(fixtures.status(campaignId)));
    fixtures.awaitCountersEqualARecount(campaignId);
    List<CallAttemptDocument> attempts = fixtures.calls(campaignId);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> audit(campaignId).stream().allMatch(r -> r.respondedAt() != null));

    List<AuditedRequest> requests = audit(campaignId);
    // every contact had exactly one attempt (no retry policy fires: every placed call answers)
    assertThat(attempts).hasSize(40).extracting(CallAttemptDocument::attempt).containsOnly(1);
    // no phone rang twice, by the simulator's own count
    Map<String, Long> perNumber =
        requests.stream()
            .flatMap(request -> request.calls().stream())
            .collect(Collectors.groupingBy(AuditedCall::normalizedTo, Collectors.counting()));
    assertThat(perNumber.values()).allSatisfy(calls -> assertThat(calls).isEqualTo(1));
    // an attempt is sent again only after "not placed" (429, 503)
    Map<String, List<AuditedRequest>> perAttempt =
        requests.stream().collect(Collectors.groupingBy(AuditedRequest::answerUrl));
    assertThat(perAttempt).hasSize(40);
    perAttempt.forEach(
        (url, sent) -> {
          List<AuditedRequest> allButLast = sent.subList(0, sent.size() - 1);
          assertThat(allButLast)
              .as("requests before the last for %s", url)
              .allSatisfy(
                  request -> {
                    assertThat(NOT_PLACED).contains(request.status());
                    assertThat(request.placed()).isFalse();
                  });
        });
    // the faults did happen: the test means something
    assertThat(requests).anySatisfy(r -> assertThat(r.fault()).isEqualTo("504-after-placing"));
    assertThat(requests).anySatisfy(r -> assertThat(NOT_PLACED).contains(r.status()));
    assertThat(requests)
        .anySatisfy(
            r -> {
              assertThat(r.placed()).isFalse();
              assertThat(NOT_PLACED).doesNotContain(r.status());
            });
    // an attempt whose call was placed is reconciled by its callbacks; one never placed after an
    // ambiguous answer stays unknown, for an operator to redial
    Map<String, CallAttemptDocument> byId =
        attempts.stream().collect(Collectors.toMap(CallAttemptDocument::id, a -> a));
    perAttempt.forEach(
        (url, sent) -> {
          CallAttemptDocument attempt = byId.get(callId(url));
          AuditedRequest last = sent.get(sent.size() - 1);
          assertThat(attempt.plivoRequests()).as(url).isEqualTo(sent.size());
          if (last.placed()) {
            assertThat(attempt.status()).as(url).isEqualTo(CallStatus.COMPLETED);
          } else {
            assertThat(attempt.status()).as(url).isEqualTo(CallStatus.UNKNOWN);
          }
        });
  }

  @Test
  void connectionsTheServerClosedWhileIdleCostNeitherADelayNorAnUnknownAttempt() {
    for (int round = 0; round < 2; round++) {
      long countBefore = placedCount();
      double millisBefore = placedMillis();
      List<String> phones = Fixtures.numbers(3);
      String campaignId = startCampaign(phones);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "completed".equals(fixtures.status(campaignId)));
      fixtures.awaitCountersEqualARecount(campaignId);
      fixtures.awaitCountersEqualARecount(campaignId);
      assertThat(fixtures.calls(campaignId))
          .hasSize(3)
          .allSatisfy(
              call -> {
                assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
                assertThat(call.plivoRequests()).isEqualTo(1);
              });
      assertThat(audit(campaignId))
          .hasSize(3)
          .allSatisfy(request -> assertThat(request.status()).isEqualTo(201));
      // the worker times a request once its answer is handled: maybe after the campaign completed
      await().atMost(Duration.ofSeconds(10)).until(() -> placedCount() - countBefore == 3);
      if (round > 0) {
        // after the quiet gap (the first round warms the worker up): each request took a
        // connection set-up at most, not a wait for a dead connection
        assertThat((placedMillis() - millisBefore) / 3).isLessThan(1000);
      }
      // a quiet gap: the server closes every kept-alive connection of the worker
      await().atMost(Duration.ofSeconds(20)).until(() -> plivo.connections().open() == 0);
    }
  }

  /** The worker's accepted Make-Call requests (none before the first). */
  private static Timer placedTimer() {
    return worker
        .bean(MeterRegistry.class)
        .find("worker.plivo.requests")
        .tag("status", "201")
        .timer();
  }

  private static long placedCount() {
    Timer timer = placedTimer();
    return timer == null ? 0 : timer.count();
  }

  private static double placedMillis() {
    Timer timer = placedTimer();
    return timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS);
  }

  private static String startCampaign(List<String> phones) {
    String dispatchId = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones), dispatchId, new Document(CampaignFields.CALLS_PER_SECOND, 10));
    assertThat(worker.start(campaignId, dispatchId))
        .isEqualTo(CampaignSessions.StartOutcome.STARTED);
    return campaignId;
  }

  /** The campaign's Make-Call requests, from the simulator's audit log. */
  private static List<AuditedRequest> audit(String campaignId) {
    return AuditLog.read(AUDIT).requests().stream()
        .filter(request -> request.answerUrl().contains("campaignId=" + campaignId))
        .toList();
  }

  /** The call id in {@code .../plivo/answer/{callId}?campaignId=...}. */
  private static String callId(String answerUrl) {
    String path = answerUrl.substring(0, answerUrl.indexOf('?'));
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
