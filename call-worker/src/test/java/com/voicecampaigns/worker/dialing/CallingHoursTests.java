package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.campaign.CallingWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A campaign's calling hours: its window kept clear of the window's end by the margin, across
 * daylight-saving changes and in a contact's own zone. (How a window is read from the campaign
 * document is campaign-store's {@code CampaignMappingTests}.)
 */
class CallingHoursTests {

  static final Duration MARGIN = Duration.ofSeconds(10);

  @Test
  void withoutAWindowCallsGoAtAnyHour() {
    CallingHours hours = new CallingHours(null, MARGIN);

    assertThat(hours.callableAt(Instant.parse("2026-01-01T03:00:00Z"), null)).isTrue();
    assertThat(hours.inCampaignZone(ZoneId.of("Asia/Tokyo"))).isTrue();
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
    CallingHours hours = hours(zone, start, end);
    LocalTime opens = LocalTime.parse(start);
    LocalTime lastCall = LocalTime.parse(end).minus(MARGIN);
    Instant from = LocalDate.parse(day).minusDays(1).atStartOfDay(zoneId).toInstant();
    Instant to = LocalDate.parse(day).plusDays(2).atStartOfDay(zoneId).toInstant();

    Instant previousCallable = null;
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
      LocalTime local = t.atZone(zoneId).toLocalTime();
      boolean expected = !local.isBefore(opens) && local.isBefore(lastCall);
      assertThat(hours.callableAt(t, null))
          .as("callable at %s", t.atZone(zoneId))
          .isEqualTo(expected);
      if (expected) {
        previousCallable = t;
      }
    }
    assertThat(previousCallable).isNotNull();
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(7))) {
      Instant next = hours.nextCallable(t, null);
      assertThat(hours.callableAt(next, null)).as("callable at next %s", next).isTrue();
      assertThat(next).isAfterOrEqualTo(t);
      if (next.isAfter(t)) {
        assertThat(hours.callableAt(next.minusSeconds(1), null))
            .as("callable just before %s (from %s)", next.atZone(zoneId), t.atZone(zoneId))
            .isFalse();
        for (Instant u = t; u.isBefore(next); u = u.plus(Duration.ofMinutes(1))) {
          assertThat(hours.callableAt(u, null)).as("callable at %s", u).isFalse();
        }
      }
    }
  }

  @Test
  void theNextMorningAfterTheClocksGoBackIsAnHourLaterInUtc() {
    ZoneId newYork = ZoneId.of("America/New_York");
    CallingHours hours = hours("America/New_York", "09:00", "17:00");
    Instant saturdayEvening = ZonedDateTime.of(2026, 10, 31, 17, 0, 0, 0, newYork).toInstant();

    assertThat(hours.nextCallable(saturdayEvening, null))
        .isEqualTo(Instant.parse("2026-11-01T14:00:00Z")); // 09:00 EST, not 13:00Z (09:00 EDT)
  }

  @Test
  void aContactsOwnZoneDecidesItsHours() {
    CallingHours hours = hours("America/New_York", "09:00", "18:00");
    Instant noonInNewYork = Instant.parse("2026-06-10T16:00:00Z");

    assertThat(hours.callableAt(noonInNewYork, null)).isTrue();
    assertThat(hours.callableAt(noonInNewYork, ZoneId.of("Asia/Tokyo"))).isFalse();
    assertThat(hours.nextCallable(noonInNewYork, ZoneId.of("Asia/Tokyo")))
        .isEqualTo(Instant.parse("2026-06-11T00:00:00Z"));
    assertThat(hours.inCampaignZone(ZoneId.of("Asia/Tokyo"))).isFalse();
    assertThat(hours.inCampaignZone(ZoneId.of("America/New_York"))).isTrue();
  }

  @Test
  void noCallGoesWithinTheMarginOfTheWindowsEnd() {
    CallingHours hours = hours("UTC", "09:00", "17:00");

    assertThat(hours.callableAt(Instant.parse("2026-06-10T16:59:49Z"), null)).isTrue();
    assertThat(hours.callableAt(Instant.parse("2026-06-10T16:59:51Z"), null)).isFalse();
    assertThat(hours.nextCallable(Instant.parse("2026-06-10T16:59:55Z"), null))
        .isEqualTo(Instant.parse("2026-06-11T09:00:00Z"));
  }

  @Test
  void theMarginIsAtLeastTheLongestMakeCallRequest() {
    CallingWindow window = CallingWindow.parse("UTC", "09:00", "17:00", null);

    assertThat(CallingHours.of(window, MARGIN, Duration.ofSeconds(15)).margin())
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(CallingHours.of(window, MARGIN, Duration.ofSeconds(3)).margin()).isEqualTo(MARGIN);
    assertThat(
            CallingHours.of(window, MARGIN, Duration.ofSeconds(15))
                .callableAt(Instant.parse("2026-06-10T16:59:46Z"), null))
        .isFalse();
  }

  private static CallingHours hours(String zone, String start, String end) {
    return new CallingHours(CallingWindow.parse(zone, start, end, null), MARGIN);
  }
}
