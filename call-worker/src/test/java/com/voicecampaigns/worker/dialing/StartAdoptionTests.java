package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dispatch whose start no worker took (lost by the broker, or held for a dead subscriber) is
 * taken by a worker with room after {@code worker.adopt-untaken-starts-after}; one another worker
 * holds is left alone, and a late copy of the adopted start changes nothing.
 */
class StartAdoptionTests {

  static PlivoSimulator plivo;
  static WorkerInstance worker;
  static Fixtures fixtures;

  @BeforeAll
  static void start() {
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(20))
                .withCallDuration(Duration.ofMillis(50)));
    worker =
        WorkerInstance.start(
            MongoBackend.freshDatabaseName(StartAdoptionTests.class),
            "adoption",
            plivo,
            "w-adopter",
            Map.of("worker.adopt-untaken-starts-after", "2s"));
    fixtures = new Fixtures(worker.mongo());
  }

  @AfterAll
  static void stop() {
    worker.close();
    plivo.close();
  }

  @Test
  void aDispatchWhoseStartNoWorkerTookIsAdoptedAndDialledOnce() {
    List<String> phones = Fixtures.numbers(5);
    String dispatchId = Fixtures.dispatchId();
    Instant dispatched = Instant.now();
    String campaignId = fixtures.runningCampaign(fixtures.list(phones), dispatchId, new Document());

    fixtures.awaitStatus(campaignId, "completed");
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    assertThat(plivo.callsTo(phones.get(0)).get(0).receivedAt())
        .isAfterOrEqualTo(dispatched.plusSeconds(2));
    assertThat(adopted()).isEqualTo(1);
    // the start, delivered at last
    assertThat(worker.start(campaignId, dispatchId))
        .isEqualTo(CampaignSessions.StartOutcome.NOT_TAKEN);
    fixtures.awaitCountersEqualARecount(campaignId);
  }

  @Test
  void aDispatchAnotherWorkerHoldsIsLeftAlone() {
    List<String> phones = Fixtures.numbers(2);
    Instant now = Instant.now();
    double before = adopted();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones),
            Fixtures.dispatchId(),
            new Document(CampaignFields.DISPATCHED_AT, java.util.Date.from(now.minusSeconds(60)))
                .append(CampaignFields.WORKER_ID, "another-worker")
                .append(CampaignFields.LEASE_UNTIL, java.util.Date.from(now.plusSeconds(60))));

    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> plivo.callsTo(phones.get(0)).isEmpty());
    assertThat(fixtures.campaign(campaignId).getString(CampaignFields.WORKER_ID))
        .isEqualTo("another-worker");
    assertThat(adopted()).isEqualTo(before);
  }

  private static double adopted() {
    return worker.bean(MeterRegistry.class).get("worker.starts.adopted").counter().count();
  }
}
