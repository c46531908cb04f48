package com.voicecampaigns.model.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallingWindowTests {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  private final CallingWindow officeHours =
      new CallingWindow(
          BERLIN,
          LocalTime.of(9, 0),
          LocalTime.of(18, 0),
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

  @Test
  void isOpenFromStartInclusiveToEndExclusiveInLocalTime() {
    // Wednesday 2026-11-25: Berlin is UTC+1
    assertThat(officeHours.isOpen(Instant.parse("2026-11-25T07:59:59Z"), null)).isFalse();
    assertThat(officeHours.isOpen(Instant.parse("2026-11-25T08:00:00Z"), null)).isTrue();
    assertThat(officeHours.isOpen(Instant.parse("2026-11-25T16:59:59Z"), null)).isTrue();
    assertThat(officeHours.isOpen(Instant.parse("2026-11-25T17:00:00Z"), null)).isFalse();
  }

  @Test
  void aContactsOwnZoneOverridesTheCampaigns() {
    Instant tenUtc = Instant.parse("2026-11-25T10:00:00Z"); // 11:00 Berlin, 15:30 Kolkata
    assertThat(officeHours.isOpen(tenUtc, null)).isTrue();
    assertThat(officeHours.isOpen(Instant.parse("2026-11-25T13:00:00Z"), KOLKATA)).isFalse();
    assertThat(officeHours.nextOpening(Instant.parse("2026-11-25T13:00:00Z"), KOLKATA))
        .isEqualTo(Instant.parse("2026-11-26T03:30:00Z"));
  }

  @Test
  void nextOpeningSkipsClosedDays() {
    Instant fridayEvening = Instant.parse("2026-11-27T18:00:00Z");
    assertThat(officeHours.nextOpening(fridayEvening, null))
        .isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
  }

  @Test
  void nextOpeningIsNowWhenOpen() {
    Instant open = Instant.parse("2026-11-25T09:00:00Z");
    assertThat(officeHours.nextOpening(open, null)).isEqualTo(open);
  }

  @Test
  void keepsLocalHoursAcrossDaylightSavingChanges() {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 2027-03-28: Monday opens at 07:00Z, Friday before
    // at 08:00Z
    assertThat(officeHours.nextOpening(Instant.parse("2027-03-26T17:00:00Z"), null))
        .isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
  }

  @Test
  void aStartInsideTheSpringForwardGapOpensAtTheEndOfTheGap() {
    // on 2027-03-28 Berlin jumps from 02:00 to 03:00 local (01:00Z); 02:30 does not exist
    CallingWindow night =
        new CallingWindow(BERLIN, LocalTime.of(2, 30), LocalTime.of(5, 0), Set.of());
    Instant opening = night.nextOpening(Instant.parse("2027-03-27T23:00:00Z"), null);
    assertThat(opening).isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
    assertThat(night.isOpen(opening, null)).isTrue();
    assertThat(night.isOpen(opening.minusSeconds(1), null)).isFalse();
  }

  @Test
  void refusesAWindowThatEndsBeforeItStarts() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new CallingWindow(BERLIN, LocalTime.of(18, 0), LocalTime.of(9, 0), Set.of()));
  }

  @Test
  void parsesTheTextFormOfRequestsAndDocuments() {
    CallingWindow window =
        CallingWindow.parse("Asia/Kolkata", "09:00", "18:30", List.of("monday", " FRIDAY "));

    assertThat(window)
        .isEqualTo(
            new CallingWindow(
                KOLKATA,
                LocalTime.of(9, 0),
                LocalTime.of(18, 30),
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));
    assertThat(CallingWindow.parse("UTC", "00:00", "23:59", null).days()).hasSize(7);
    assertThat(CallingWindow.format(LocalTime.of(7, 5))).isEqualTo("07:05");
  }

  @Test
  void refusesWhatIsNotARegionZoneATimeHhMmOrADay() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CallingWindow.parseZone("Mars/Olympus"))
        .withMessageContaining("IANA");
    assertThatIllegalArgumentException().isThrownBy(() -> CallingWindow.parseZone("+05:30"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CallingWindow.parseTime("24:00"))
        .withMessageContaining("HH:mm");
    assertThatIllegalArgumentException().isThrownBy(() -> CallingWindow.parseTime("9am"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CallingWindow.parseDay("FUNDAY"))
        .withMessageContaining("FUNDAY");
  }
}
