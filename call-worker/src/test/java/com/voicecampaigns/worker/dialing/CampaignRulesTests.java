package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.simulator.MachineDetection;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatedCall;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.suppression.DoNotCallEntry;
import com.voicecampaigns.store.suppression.DoNotCallStore;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import com.voicecampaigns.worker.WorkerInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A campaign's own rules applied by the worker at dial time, audited from the simulator's records:
 * the tenant's do-not-call list read right before each call, the end time after which no call is
 * placed, and answering-machine detection asked of Plivo and reported back.
 */
class CampaignRulesTests {

  static final String TOPICS = "rules";
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
            MongoBackend.freshDatabaseName(CampaignRulesTests.class),
            TOPICS,
            plivo,
            "w-rules",
            Map.of());
    fixtures = new Fixtures(worker.mongo());
  }

  @AfterAll
  static void stop() {
    worker.close();
    plivo.close();
  }

  @AfterEach
  void noMachines() {
    plivo.machines(MachineDetection.none());
  }

  @Test
  void aNumberOnTheTenantsDoNotCallListEndsSuppressedAndIsNeverDialled() {
    List<String> phones = Fixtures.numbers(6);
    String blocked = phones.get(2);
    String blockedForAnotherTenant = phones.get(3);
    Instant now = Instant.now();
    worker
        .bean(DoNotCallStore.class)
        .add(
            List.of(
                new DoNotCallEntry(Ids.newId(), "client-1", blocked, "api", null, "test", now),
                new DoNotCallEntry(
                    Ids.newId(), "client-2", blockedForAnotherTenant, "api", null, "test", now)));

    String campaignId = fixtures.startOn(worker, phones, new Document());

    fixtures.awaitStatus(campaignId, "completed");
    assertThat(plivo.callsTo(blocked)).isEmpty();
    assertThat(plivo.callsTo(blockedForAnotherTenant)).hasSize(1);
    assertThat(fixtures.callsTo(campaignId, blocked))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.status()).isEqualTo(CallStatus.SUPPRESSED);
              assertThat(call.plivoRequests()).isZero();
              assertThat(call.requestUuid()).isNull();
            });
    assertThat(fixtures.stat(campaignId, "suppressed")).isEqualTo(1);
    assertThat(fixtures.stat(campaignId, "completed")).isEqualTo(5);
    fixtures.awaitCountersEqualARecount(campaignId);
  }

  @Test
  void aNumberAddedToTheListWhileItsCampaignDialsIsNotDialled() {
    List<String> phones = Fixtures.numbers(10);
    String addedLate = phones.get(9);
    // 2 calls a second: the last contact is dialled about 4.5 s after the first
    String campaignId =
        fixtures.startOn(worker, phones, new Document(CampaignFields.CALLS_PER_SECOND, 2));
    await().atMost(Duration.ofSeconds(20)).until(() -> !plivo.callsTo(phones.get(0)).isEmpty());
    worker
        .bean(DoNotCallStore.class)
        .add(
            List.of(
                new DoNotCallEntry(
                    Ids.newId(), "client-1", addedLate, "api", null, "test", Instant.now())));
    assertThat(plivo.callsTo(phones.get(7))).as("the list came in time").isEmpty();

    fixtures.awaitStatus(campaignId, "completed");
    assertThat(plivo.callsTo(addedLate)).isEmpty();
    assertThat(fixtures.callsTo(campaignId, addedLate))
        .singleElement()
        .extracting(CallAttemptDocument::status)
        .isEqualTo(CallStatus.SUPPRESSED);
    assertThat(fixtures.stat(campaignId, "suppressed")).isEqualTo(1);
    fixtures.awaitCountersEqualARecount(campaignId);
  }

  @Test
  void afterItsEndTimeNoCallIsPlacedTheRestExpireAndTheCampaignCompletes() {
    List<String> phones = Fixtures.numbers(20);
    Instant endTime = Instant.now().plusSeconds(2);
    // 2 calls a second: 20 contacts would take 10 s, the end time stops it after about 4
    String campaignId =
        fixtures.startOn(
            worker,
            phones,
            new Document(CampaignFields.CALLS_PER_SECOND, 2)
                .append(CampaignFields.END_TIME, Date.from(endTime)));

    fixtures.awaitStatus(campaignId, "completed");
    Document campaign = fixtures.campaign(campaignId);
    assertThat(campaign.getDate(CampaignFields.EXPIRED_AT)).isNotNull();
    List<SimulatedCall> received =
        phones.stream().flatMap(phone -> plivo.callsTo(phone).stream()).toList();
    assertThat(received).isNotEmpty().hasSizeLessThan(phones.size());
    // the end time is checked right before each request, on this JVM's clock: what reaches the
    // simulator later than it was on its way already
    assertThat(received)
        .allSatisfy(call -> assertThat(call.receivedAt()).isBefore(endTime.plusSeconds(1)));
    assertThat(fixtures.calls(campaignId))
        .allSatisfy(
            call -> {
              if (call.dialedAt() != null) {
                assertThat(call.dialedAt()).isBefore(endTime.plusMillis(200));
              } else {
                assertThat(call.status()).isEqualTo(CallStatus.EXPIRED);
              }
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(fixtures.stat(campaignId, "completed")).isEqualTo(received.size()));
    fixtures.awaitCountersEqualARecount(campaignId);
  }

  @Test
  void aMachineOnAHangupCampaignIsHungUpOnAndEndsMachine() {
    List<String> phones = Fixtures.numbers(3);
    String machine = phones.get(0);
    plivo.machines(
        MachineDetection.none().withNumbers(Set.of(machine)).withDelay(Duration.ofMillis(100)));

    String campaignId =
        fixtures.startOn(worker, phones, new Document(CampaignFields.MACHINE_DETECTION, "hangup"));

    fixtures.awaitStatus(campaignId, "completed");
    SimulatedCall machineCall = plivo.callsTo(machine).get(0);
    assertThat(machineCall.params()).containsEntry("machine_detection", "hangup");
    assertThat(machineCall.machine()).isTrue();
    assertThat(machineCall.machineStatus()).isEqualTo(200);
    assertThat(fixtures.callsTo(campaignId, machine))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.status()).isEqualTo(CallStatus.MACHINE);
              assertThat(call.machine()).isTrue();
            });
    for (String human : phones.subList(1, 3)) {
      assertThat(plivo.callsTo(human).get(0).machine()).isFalse();
      assertThat(fixtures.callsTo(campaignId, human))
          .singleElement()
          .extracting(CallAttemptDocument::status)
          .isEqualTo(CallStatus.COMPLETED);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(fixtures.stat(campaignId, "machine")).isEqualTo(1));
    fixtures.awaitCountersEqualARecount(campaignId);
  }

  @Test
  void aMachineIsDialledAgainWhenThePolicyRetriesMachines() {
    List<String> phones = Fixtures.numbers(2);
    String machine = phones.get(0);
    plivo.machines(
        MachineDetection.none().withNumbers(Set.of(machine)).withDelay(Duration.ofMillis(100)));

    String campaignId =
        fixtures.startOn(
            worker,
            phones,
            new Document(CampaignFields.MACHINE_DETECTION, "hangup")
                .append(
                    CampaignFields.RETRY_POLICY,
                    new Document(CampaignFields.RETRY_MAX_ATTEMPTS, 2)
                        .append(CampaignFields.RETRY_ON, List.of("machine"))
                        .append(CampaignFields.RETRY_BACKOFF_SECONDS, 1)));

    fixtures.awaitStatus(campaignId, "completed");
    assertThat(plivo.callsTo(machine)).hasSize(2).allSatisfy(c -> assertThat(c.machine()).isTrue());
    List<CallAttemptDocument> attempts = fixtures.callsTo(campaignId, machine);
    assertThat(attempts).extracting(CallAttemptDocument::attempt).containsExactly(1, 2);
    assertThat(attempts).extracting(CallAttemptDocument::status).containsOnly(CallStatus.MACHINE);
    assertThat(attempts.get(1).notBefore())
        .isAfterOrEqualTo(attempts.get(0).endedAt().plusSeconds(1));
    assertThat(plivo.callsTo(phones.get(1))).hasSize(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(fixtures.stat(campaignId, "machine")).isEqualTo(2));
    fixtures.awaitCountersEqualARecount(campaignId);
  }

  @Test
  void aMachineOnABotCampaignIsConnectedAndTheBotIsToldInItsHeaders() {
    List<String> phones = Fixtures.numbers(2);
    String machine = phones.get(0);
    String human = phones.get(1);
    plivo.machines(MachineDetection.none().withNumbers(Set.of(machine)));

    String campaignId =
        fixtures.startOn(worker, phones, new Document(CampaignFields.MACHINE_DETECTION, "bot"));

    fixtures.awaitStatus(campaignId, "completed");
    SimulatedCall machineCall = plivo.callsTo(machine).get(0);
    assertThat(machineCall.params())
        .containsEntry("machine_detection", "true")
        .doesNotContainKey("machine_detection_url");
    assertThat(machineCall.answerXml()).contains("<Stream").contains(",machine=true");
    assertThat(plivo.callsTo(human).get(0).answerXml())
        .contains("<Stream")
        .doesNotContain("machine=true");
    assertThat(fixtures.callsTo(campaignId, machine))
        .singleElement()
        .extracting(CallAttemptDocument::status)
        .isEqualTo(CallStatus.MACHINE);
    assertThat(fixtures.callsTo(campaignId, human))
        .singleElement()
        .extracting(CallAttemptDocument::status)
        .isEqualTo(CallStatus.COMPLETED);
    fixtures.awaitCountersEqualARecount(campaignId);
  }
}
