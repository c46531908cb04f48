package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.Fault;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.simulator.audit.AuditLog;
import com.voicecampaigns.simulator.audit.AuditedCall;
import com.voicecampaigns.simulator.audit.AuditedRequest;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.testsupport.FreePorts;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import com.voicecampaigns.worker.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A worker frozen (SIGSTOP) mid-campaign, with a Make-Call request in flight, for longer than its
 * lease; another worker takes the campaign over; then the frozen one is resumed (SIGCONT) while its
 * successor still dials, its clocks late and its lease gone. Between the two, no phone may ring
 * twice (counted from the simulator's audit log), and the resumed worker may send nothing it had
 * not claimed before it froze.
 */
class FrozenWorkerTests {

  static final String TOPICS = "frozen";
  static final Path AUDIT = Path.of("target", "frozen-worker-audit.jsonl");
  static PlivoSimulator plivo;
  static WorkerInstance successor;
  static WorkerProcess frozen;
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
                .withAuditLog(AUDIT));
    String database = MongoBackend.freshDatabaseName(FrozenWorkerTests.class);
    successor = WorkerInstance.start(database, TOPICS + "-successor", plivo, "successor", Map.of());
    fixtures = new Fixtures(successor.mongo());
    int port = FreePorts.find();
    Map<String, String> properties =
        new LinkedHashMap<>(WorkerInstance.defaults(database, TOPICS, plivo, "frozen", port));
    // behind a load balancer: callbacks for the frozen worker's calls reach the successor
    properties.put("worker.public-url", successor.baseUrl());
    properties.put("worker.lease-duration", "3s");
    frozen = WorkerProcess.start(properties, port, Path.of("target", "frozen-worker.log"));
  }

  @AfterAll
  static void stop() {
    if (frozen != null) {
      frozen.close(); // SIGKILL ends a stopped process too
    }
    successor.close();
    plivo.close();
  }

  @Test
  void aWorkerResumedAfterItsLeaseWasTakenOverSendsNothingItHadNotClaimedAndNoPhoneRingsTwice()
      throws Exception {
    List<String> phones = Fixtures.numbers(30);
    String first = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones), first, new Document(CampaignFields.CALLS_PER_SECOND, 4));
    PubSubTopicProbe.publish("campaign-start-" + TOPICS, Fixtures.startEvent(campaignId, first));
    await().atMost(Duration.ofSeconds(90)).until(() -> placed(campaignId) >= 4);

    // hold the frozen worker's next Make-Call request, and freeze the worker while it waits
    plivo.failNext(Fault.delayOnly(Duration.ofSeconds(1), 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> plivo.pendingFaults().isEmpty());
    frozen.freeze();
    Set<String> claimedBeforeFreeze = ids(fixtures.calls(campaignId));

    // its lease runs out; the dispatcher's recovery hands the campaign to the successor
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !fixtures
                    .campaign(campaignId)
                    .getDate(CampaignFields.LEASE_UNTIL)
                    .toInstant()
                    .isAfter(Instant.now()));
    String second = Fixtures.dispatchId();
    fixtures.update(
        campaignId,
        new Document(CampaignFields.DISPATCH_ID, first),
        new Update()
            .set(CampaignFields.DISPATCH_ID, second)
            .set(CampaignFields.DISPATCHED_AT, Instant.now())
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL));
    int placedBeforeTakeover = placed(campaignId);
    assertThat(successor.start(campaignId, second))
        .isEqualTo(CampaignSessions.StartOutcome.STARTED);

    // the successor dials on; the frozen worker wakes up in the middle of it
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> placed(campaignId) >= placedBeforeTakeover + 4);
    Instant resumedAt = Instant.now();
    frozen.resume();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "completed".equals(fixtures.status(campaignId)));
    fixtures.awaitCountersEqualARecount(campaignId);
    // and some time for the resumed worker to do whatever it would still do
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> sentForFirstDispatchAfter(campaignId, first, resumedAt).isEmpty());

    List<AuditedRequest> requests = audit(campaignId);
    Map<String, Long> perNumber =
        requests.stream()
            .flatMap(request -> request.calls().stream())
            .collect(Collectors.groupingBy(AuditedCall::normalizedTo, Collectors.counting()));
    assertThat(perNumber).hasSize(30);
    assertThat(perNumber.values()).allSatisfy(calls -> assertThat(calls).isEqualTo(1));
    // every request of the first dispatch was for an attempt it had claimed before it froze
    Map<String, CallAttemptDocument> attempts =
        fixtures.calls(campaignId).stream()
            .collect(Collectors.toMap(CallAttemptDocument::id, Function.identity()));
    Set<String> sentForFirst =
        requests.stream()
            .map(request -> callId(request.answerUrl()))
            .filter(id -> first.equals(attempts.get(id).dispatchId()))
            .collect(Collectors.toSet());
    assertThat(claimedBeforeFreeze).containsAll(sentForFirst);
    assertThat(attempts.values())
        .filteredOn(attempt -> second.equals(attempt.dispatchId()))
        .isNotEmpty();
    assertThat(attempts).hasSize(30);
  }

  /** Requests received after {@code after} for attempts the first dispatch claimed. */
  private static List<AuditedRequest> sentForFirstDispatchAfter(
      String campaignId, String dispatchId, Instant after) {
    Set<String> firstDispatch =
        fixtures.calls(campaignId).stream()
            .filter(attempt -> dispatchId.equals(attempt.dispatchId()))
            .map(CallAttemptDocument::id)
            .collect(Collectors.toSet());
    return audit(campaignId).stream()
        .filter(request -> request.receivedAt().isAfter(after))
        .filter(request -> firstDispatch.contains(callId(request.answerUrl())))
        .toList();
  }

  private static int placed(String campaignId) {
    return (int) audit(campaignId).stream().filter(AuditedRequest::placed).count();
  }

  private static Set<String> ids(List<CallAttemptDocument> attempts) {
    return attempts.stream().map(CallAttemptDocument::id).collect(Collectors.toSet());
  }

  private static List<AuditedRequest> audit(String campaignId) {
    if (!Files.exists(AUDIT)) {
      return List.of();
    }
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
