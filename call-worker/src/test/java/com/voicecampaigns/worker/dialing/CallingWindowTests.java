package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;
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
import com.voicecampaigns.worker.TestClock;
import com.voicecampaigns.worker.TestClockConfig;
import com.voicecampaigns.worker.WorkerInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Calling windows, driven by a test clock that runs at real speed from a time the test sets. A call
 * is outside the window when the simulator received it (translated to the worker's clock) outside
 * the window's local hours.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the clock only moves forward
class CallingWindowTests {

  static final String TOPICS = "windows";
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final TestClock clock = TestClockConfig.CLOCK;
  static PlivoSimulator plivo;
  static WorkerInstance worker;
  static Fixtures fixtures;
  static PubSubTopicProbe hints;

  @BeforeAll
  static void start() {
    plivo =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ofMillis(50))
                .withCallDuration(Duration.ofMillis(200)));
    worker =
        WorkerInstance.start(
            MongoBackend.freshDatabaseName(CallingWindowTests.class),
            TOPICS,
            plivo,
            "w-windows",
            Map.of(
                "worker.calling-window-margin",
                "2s",
                "worker.release-when-idle-for",
                "10s",
                // the test moves the worker's clock days away from MongoDB's: pacing runs on
                // MongoDB's clock, so only the skew bound has to allow it
                "worker.pacing.max-clock-skew",
                "3650d",
                // the margin is at least the longest request: connect + read timeout, 2s here
                "plivo.connect-timeout",
                "500ms",
                "plivo.read-timeout",
                "1500ms"));
    fixtures = new Fixtures(worker.mongo());
    hints = PubSubTopicProbe.watch("campaign-scheduled-" + TOPICS);
  }

  @AfterAll
  static void stop() {
    hints.close();
    worker.close();
    plivo.close();
    clock.reset();
  }

  @Test
  @Order(3)
  void aWindowThatClosesMidCampaignStopsTheCallsAndTheCampaignResumesWhenItOpensAcrossDst() {
    // Saturday 31 October 2026, New York still on daylight time; the clocks go back that night
    clock.setTo(ZonedDateTime.of(2026, 10, 31, 16, 59, 55, 0, NEW_YORK).toInstant());
    List<String> phones = Fixtures.numbers(30);
    String campaignId = startCampaign(phones, window(NEW_YORK, "09:00", "17:00"), 4);

    // the last calls go before 16:59:58 (2s margin); then nothing until Sunday 09:00 EST
    Instant sundayOpening = ZonedDateTime.of(2026, 11, 1, 9, 0, 0, 0, NEW_YORK).toInstant();
    assertThat(sundayOpening).isEqualTo(Instant.parse("2026-11-01T14:00:00Z"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fixtures.campaign(campaignId).get(CampaignFields.RESUME_AT) != null);
    Document released = fixtures.campaign(campaignId);
    assertThat(released.getDate(CampaignFields.RESUME_AT).toInstant()).isEqualTo(sundayOpening);
    assertThat(released.get(CampaignFields.WORKER_ID)).isNull();
    assertThat(released.getString(CampaignFields.STATUS)).isEqualTo("running");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hints.received().stream().anyMatch(hint -> hint.contains(campaignId)));
    int dialledSaturday = accepted(phones).size();
    assertThat(dialledSaturday).isBetween(1, 29);
    assertThat(accepted(phones))
        .allSatisfy(call -> assertThat(localTime(call, NEW_YORK)).isBefore(LocalTime.of(17, 0)));

    // the dispatcher restarts it at resumeAt; here the worker gets it two seconds early
    clock.setTo(sundayOpening.minusSeconds(2));
    String dispatchId = fixtures.resumeAndRedispatch(campaignId);
    worker.start(campaignId, dispatchId);

    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> "completed".equals(fixtures.status(campaignId)));
    phones.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    List<SimulatedCall> sunday = accepted(phones).subList(dialledSaturday, phones.size());
    assertThat(sunday)
        .allSatisfy(
            call ->
                assertThat(clock.clockTimeOf(call.receivedAt())).isAfterOrEqualTo(sundayOpening));
  }

  @Test
  @Order(2)
  void aContactsOwnTimeZoneOverridesTheCampaignsWindow() {
    // noon in New York is 02:00 the next day in Tokyo
    clock.setTo(ZonedDateTime.of(2026, 6, 10, 12, 0, 0, 0, NEW_YORK).toInstant());
    List<String> newYorkers = Fixtures.numbers(2);
    List<String> tokyoites = Fixtures.numbers(2);
    String listId = fixtures.list(newYorkers);
    fixtures.addContacts(listId, tokyoites, TOKYO.getId());
    String dispatchId = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            listId,
            dispatchId,
            new Document(CampaignFields.CALLING_WINDOW, window(NEW_YORK, "09:00", "18:00")));
    worker.start(campaignId, dispatchId);

    Instant tokyoOpening = ZonedDateTime.of(2026, 6, 11, 9, 0, 0, 0, TOKYO).toInstant();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fixtures.campaign(campaignId).get(CampaignFields.RESUME_AT) != null);
    assertThat(fixtures.campaign(campaignId).getDate(CampaignFields.RESUME_AT).toInstant())
        .isEqualTo(tokyoOpening);
    newYorkers.forEach(phone -> assertThat(plivo.callsTo(phone)).hasSize(1));
    tokyoites.forEach(phone -> assertThat(plivo.callsTo(phone)).isEmpty());
    assertThat(fixtures.calls(campaignId))
        .filteredOn(call -> tokyoites.contains(call.to()))
        .allSatisfy(
            call -> {
              assertThat(call.status()).isEqualTo(CallStatus.PENDING);
              assertThat(call.notBefore()).isEqualTo(tokyoOpening);
              assertThat(call.contactTimezone()).isEqualTo("Asia/Tokyo");
            });

    clock.setTo(tokyoOpening.minusSeconds(1));
    String resumed = fixtures.resumeAndRedispatch(campaignId);
    worker.start(campaignId, resumed);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "completed".equals(fixtures.status(campaignId)));
    tokyoites.forEach(
        phone -> {
          assertThat(plivo.callsTo(phone)).hasSize(1);
          assertThat(clock.clockTimeOf(plivo.callsTo(phone).get(0).receivedAt()))
              .isAfterOrEqualTo(tokyoOpening);
        });
    assertThat(fixtures.calls(campaignId)).extracting(CallAttemptDocument::attempt).containsOnly(1);
  }

  @Test
  @Order(1)
  void aRetryDueLaterReleasesTheCampaignUntilThen() {
    clock.reset();
    List<String> phones = Fixtures.numbers(1);
    plivo.forceOutcome(phones.get(0), com.voicecampaigns.simulator.CallOutcome.NO_ANSWER);
    // no retryPolicy: the default retries no-answer after 10 minutes
    String dispatchId = Fixtures.dispatchId();
    String campaignId = fixtures.runningCampaign(fixtures.list(phones), dispatchId, new Document());
    worker.start(campaignId, dispatchId);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fixtures.campaign(campaignId).get(CampaignFields.RESUME_AT) != null);
    List<CallAttemptDocument> attempts = fixtures.calls(campaignId);
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(attempts.get(1).status()).isEqualTo(CallStatus.PENDING);
    assertThat(attempts.get(1).notBefore())
        .isEqualTo(attempts.get(0).endedAt().plus(Duration.ofMinutes(10)));
    assertThat(fixtures.campaign(campaignId).getDate(CampaignFields.RESUME_AT).toInstant())
        .isEqualTo(attempts.get(1).notBefore());
    assertThat(fixtures.status(campaignId)).isEqualTo("running");
    assertThat(plivo.callsTo(phones.get(0))).hasSize(1);
  }

  private static String startCampaign(List<String> phones, Document window, double cps) {
    String dispatchId = Fixtures.dispatchId();
    String campaignId =
        fixtures.runningCampaign(
            fixtures.list(phones),
            dispatchId,
            new Document(CampaignFields.CALLING_WINDOW, window)
                .append(CampaignFields.CALLS_PER_SECOND, cps));
    worker.start(campaignId, dispatchId);
    return campaignId;
  }

  private static Document window(ZoneId zone, String start, String end) {
    return new Document(CampaignFields.WINDOW_TIMEZONE, zone.getId())
        .append(CampaignFields.WINDOW_START, start)
        .append(CampaignFields.WINDOW_END, end);
  }

  private static List<SimulatedCall> accepted(List<String> phones) {
    return plivo.calls().stream()
        .filter(SimulatedCall::accepted)
        .filter(call -> phones.contains(call.to()))
        .toList();
  }

  private static LocalTime localTime(SimulatedCall call, ZoneId zone) {
    return clock.clockTimeOf(call.receivedAt()).atZone(zone).toLocalTime();
  }
}
