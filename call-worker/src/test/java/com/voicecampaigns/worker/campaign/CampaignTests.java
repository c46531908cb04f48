package com.voicecampaigns.worker.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CampaignFields;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worker's view of a campaign document: parsing, and calling hours across DST changes. */
class CampaignTests {

  static final Duration MARGIN = Duration.ofSeconds(10);

  @Test
  void parsesTheDocumentShapesAgreedWithTheApi() {
    Campaign campaign =
        Campaign.from(
            campaign()
                .append(
                    CampaignFields.CALLING_WINDOW,
                    new Document(CampaignFields.WINDOW_TIMEZONE, "Asia/Kolkata")
                        .append(CampaignFields.WINDOW_START, "09:00")
                        .append(CampaignFields.WINDOW_END, "18:30")
                        .append(CampaignFields.WINDOW_DAYS, List.of("MONDAY", "FRIDAY")))
                .append(
                    CampaignFields.RETRY_POLICY,
                    new Document(CampaignFields.RETRY_MAX_ATTEMPTS, 2)
                        .append(CampaignFields.RETRY_ON, List.of("busy"))
                        .append(CampaignFields.RETRY_BACKOFF_SECONDS, 90))
                .append(CampaignFields.MAX_CONCURRENT_CALLS, 5)
                .append(CampaignFields.CALLS_PER_SECOND, 2.5));

    assertThat(campaign.window().timezone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(campaign.window().start()).isEqualTo(LocalTime.of(9, 0));
    assertThat(campaign.window().end()).isEqualTo(LocalTime.of(18, 30));
    assertThat(campaign.window().days())
        .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    assertThat(campaign.retryPolicy())
        .isEqualTo(new RetryPolicy(2, java.util.Set.of(CallStatus.BUSY), Duration.ofSeconds(90)));
    assertThat(campaign.maxConcurrentCalls()).isEqualTo(5);
    assertThat(campaign.callsPerSecond()).isEqualTo(2.5);
  }

  @Test
  void withoutWindowOrRetryPolicyCallsGoAtAnyHourWithTheDefaultRetries() {
    Campaign campaign = Campaign.from(campaign());

    assertThat(campaign.window()).isNull();
    assertThat(campaign.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
    assertThat(campaign.callableAt(Instant.parse("2026-01-01T03:00:00Z"), null, MARGIN)).isTrue();
    assertThat(campaign.maxConcurrentCalls()).isNull();
  }

  @Test
  void aMalformedWindowIsRefusedWithTheReason() {
    Document bad =
        campaign()
            .append(
                CampaignFields.CALLING_WINDOW,
                new Document(CampaignFields.WINDOW_TIMEZONE, "Mars/Olympus")
                    .append(CampaignFields.WINDOW_START, "09:00")
                    .append(CampaignFields.WINDOW_END, "17:00"));

    assertThatThrownBy(() -> Campaign.from(bad))
        .isInstanceOf(InvalidCampaignException.class)
        .hasMessageContaining("Mars/Olympus");
  }

  /**
   * Around both of Berlin's 2026 clock changes, minute by minute: a call may go exactly when the
   * local time is within the window (and still will be a margin later), and the next callable
   * instant is callable with nothing callable before it.
   */
  @ParameterizedTest
  @CsvSource({
    "Europe/Berlin, 2026-03-29, 09:00, 17:00",
    "Europe/Berlin, 2026-10-25, 09:00, 17:00",
    "Europe/Berlin, 2026-03-29, 02:30, 05:00", // starts inside the gap (02:00 -> 03:00)
    "Europe/Berlin, 2026-10-25, 01:00, 03:00", // 02:00-03:00 happens twice
    "America/New_York, 2026-11-01, 09:00, 17:00"
  })
  void callingHoursFollowTheLocalClockAcrossDaylightSavingChanges(
      String zone, String day, String start, String end) {
    ZoneId zoneId = ZoneId.of(zone);
    Campaign campaign =
        Campaign.from(campaign().append(CampaignFields.CALLING_WINDOW, window(zone, start, end)));
    LocalTime opens = LocalTime.parse(start);
    LocalTime lastCall = LocalTime.parse(end).minus(MARGIN);
    Instant from = LocalDate.parse(day).minusDays(1).atStartOfDay(zoneId).toInstant();
    Instant to = LocalDate.parse(day).plusDays(2).atStartOfDay(zoneId).toInstant();

    Instant previousCallable = null;
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
      LocalTime local = t.atZone(zoneId).toLocalTime();
      boolean expected = !local.isBefore(opens) && local.isBefore(lastCall);
      assertThat(campaign.callableAt(t, null, MARGIN))
          .as("callable at %s", t.atZone(zoneId))
          .isEqualTo(expected);
      if (expected) {
        previousCallable = t;
      }
    }
    assertThat(previousCallable).isNotNull();
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(7))) {
      Instant next = campaign.nextCallable(t, null, MARGIN);
      assertThat(campaign.callableAt(next, null, MARGIN)).as("callable at next %s", next).isTrue();
      assertThat(next).isAfterOrEqualTo(t);
      if (next.isAfter(t)) {
        assertThat(campaign.callableAt(next.minusSeconds(1), null, MARGIN))
            .as("callable just before %s (from %s)", next.atZone(zoneId), t.atZone(zoneId))
            .isFalse();
        for (Instant u = t; u.isBefore(next); u = u.plus(Duration.ofMinutes(1))) {
          assertThat(campaign.callableAt(u, null, MARGIN)).as("callable at %s", u).isFalse();
        }
      }
    }
  }

  @Test
  void theNextMorningAfterTheClocksGoBackIsAnHourLaterInUtc() {
    ZoneId newYork = ZoneId.of("America/New_York");
    Campaign campaign =
        Campaign.from(
            campaign()
                .append(
                    CampaignFields.CALLING_WINDOW, window("America/New_York", "09:00", "17:00")));
    Instant saturdayEvening = ZonedDateTime.of(2026, 10, 31, 17, 0, 0, 0, newYork).toInstant();

    assertThat(campaign.nextCallable(saturdayEvening, null, MARGIN))
        .isEqualTo(Instant.parse("2026-11-01T14:00:00Z")); // 09:00 EST, not 13:00Z (09:00 EDT)
  }

  @Test
  void aContactsOwnZoneDecidesItsHours() {
    Campaign campaign =
        Campaign.from(
            campaign()
                .append(
                    CampaignFields.CALLING_WINDOW, window("America/New_York", "09:00", "18:00")));
    Instant noonInNewYork = Instant.parse("2026-06-10T16:00:00Z");

    assertThat(campaign.callableAt(noonInNewYork, null, MARGIN)).isTrue();
    assertThat(campaign.callableAt(noonInNewYork, ZoneId.of("Asia/Tokyo"), MARGIN)).isFalse();
    assertThat(campaign.nextCallable(noonInNewYork, ZoneId.of("Asia/Tokyo"), MARGIN))
        .isEqualTo(Instant.parse("2026-06-11T00:00:00Z"));
    assertThat(campaign.inCampaignZone(ZoneId.of("Asia/Tokyo"))).isFalse();
    assertThat(campaign.inCampaignZone(ZoneId.of("America/New_York"))).isTrue();
  }

  private static Document window(String zone, String start, String end) {
    return new Document(CampaignFields.WINDOW_TIMEZONE, zone)
        .append(CampaignFields.WINDOW_START, start)
        .append(CampaignFields.WINDOW_END, end);
  }

  private static Document campaign() {
    return new Document(CampaignFields.ID, new ObjectId())
        .append(CampaignFields.CLIENT_ID, "client-1")
        .append(CampaignFields.LIST_ID, new ObjectId().toHexString())
        .append(CampaignFields.FROM_NUMBER, "+918035735659")
        .append(CampaignFields.WSS_URL, "wss://bot.example.com/socket")
        .append(CampaignFields.STATUS, "running")
        .append(CampaignFields.DISPATCH_ID, "d1");
  }
}
