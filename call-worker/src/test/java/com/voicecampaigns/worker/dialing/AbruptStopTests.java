package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.Fault;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatedCall;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.testsupport.FreePorts;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import com.voicecampaigns.worker.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A worker killed without warning mid-campaign, with a Make-Call request in flight: it runs in a
 * JVM of its own and gets SIGKILL, so it releases nothing, stops heartbeating and never hears
 * Plivo's answer. After its lease expires the dispatcher (played by the test) dispatches the
 * campaign again and another worker finishes it; no contact may be dialled twice.
 */
class AbruptStopTests {

  static final String TOPICS = "abrupt";
  static PlivoSimulator plivo;
  static WorkerInstance survivor;
  static WorkerProcess doomed;
  static Fixtures fixtures;
  static String database;

  @BeforeAll
  static void start() {
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(50))
                .withCallDuration(Duration.ofMillis(200)));
    database = MongoBackend.freshDatabaseName(AbruptStopTests.class);
    survivor = WorkerInstance.start(database, TOPICS + "-survivor", plivo, "survivor", Map.of());
    fixtures = new Fixtures(survivor.mongo());
    int port = FreePorts.find();
    Map<String, String> properties =
        new java.util.LinkedHashMap<>(
            WorkerInstance.defaults(database, TOPICS, plivo, "doomed", port));
    // behind a load balancer: callbacks for the doomed worker's calls reach the survivor
    properties.put("worker.public-url", survivor.baseUrl());
    properties.put("worker.lease-duration", "3s");
    doomed = WorkerProcess.start(properties, port, Path.of("target", "abrupt-stop-worker.log"));
  }

  @AfterAll
  static void stop() {
    if (doomed != null) {
      doomed.close();
    }
    survivor.close();
    plivo.close();
  }

  @Test
  void aWorkerKilledMidCampaignIsReplacedAfterItsLeaseExpiresAndNoContactIsDialledTwice()
      throws Exception {
    List<String> phones = Fixtures.numbers(20);
    String first = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones), first, new Document(CampaignFields.CALLS_PER_SECOND, 4));
    PubSubTopicProbe.publish("campaign-start-" + TOPICS, Fixtures.startEvent(campaignId, first));
    await().atMost(Duration.ofSeconds(90)).until(() -> accepted(phones).size() >= 4);

    // hold the doomed worker's next Make-Call request for 4s, then kill it while it waits
    plivo.failNext(Fault.delayOnly(Duration.ofSeconds(4), 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> plivo.pendingFaults().isEmpty());
    assertThat(doomed.kill()).isEqualTo(137);
    Instant killedAt = Instant.now();

    Document orphaned = fixtures.campaign(campaignId);
    assertThat(orphaned.getString(CampaignFields.WORKER_ID)).isEqualTo("doomed");
    assertThat(orphaned.get(CampaignFields.RESUME_AT)).isNull();
    List<CallAttemptDocument> inFlight =
        fixtures.calls(campaignId).stream()
            .filter(call -> call.requestUuid() == null && call.status() == CallStatus.DIALING)
            .toList();
    assertThat(inFlight).hasSize(1);

    // the dispatcher's recovery: the lease has expired, so a new dispatch and a new start
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
    double takeoversBefore = survivor.takeovers();
    assertThat(survivor.start(campaignId, second)).isEqualTo(CampaignSessions.StartOutcome.STARTED);
    assertThat(survivor.takeovers()).isEqualTo(takeoversBefore + 1);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "completed".equals(fixtures.status(campaignId)));
    fixtures.awaitCountersEqualARecount(campaignId);
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    assertThat(fixtures.calls(campaignId))
        .hasSize(20)
        .extracting(CallAttemptDocument::attempt)
        .containsOnly(1);
    // the request in flight when the worker died: Plivo placed it; its callbacks (to the
    // survivor) reconciled the attempt, whether or not it had been marked unknown first
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        survivor
                            .mongo()
                            .findById(inFlight.get(0).id(), CallAttemptDocument.class)
                            .status())
                    .isEqualTo(CallStatus.COMPLETED));
    assertThat(plivo.callsTo(inFlight.get(0).to())).hasSize(1);
    assertThat(killedAt).isBefore(Instant.now());
  }

  private static List<SimulatedCall> accepted(List<String> phones) {
    return plivo.calls().stream()
        .filter(SimulatedCall::accepted)
        .filter(call -> phones.contains(call.to()))
        .toList();
  }
}
