package com.voicecampaigns.model.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hours in which a campaign may call, on the given days, in {@code timezone} or in a contact's
 * own time zone when it has one. {@code start} is inclusive and {@code end} exclusive, both local
 * wall-clock times, so a window keeps its local hours across daylight-saving changes.
 */
public record CallingWindow(ZoneId timezone, LocalTime start, LocalTime end, Set<DayOfWeek> days) {

  private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  public CallingWindow {
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("calling window start must be before its end");
    }
    days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
  }

  /** Whether a call may be placed at {@code instant} to a contact in {@code contactZone}. */
  public boolean isOpen(Instant instant, ZoneId contactZone) {
    ZonedDateTime local = instant.atZone(zoneFor(contactZone));
    LocalTime time = local.toLocalTime();
    return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
  }

  /**
   * The first instant at or after {@code from} at which the window is open for a contact in {@code
   * contactZone}. A start time that falls in a daylight-saving gap (02:30 on the night clocks jump
   * from 02:00 to 03:00) opens at the end of the gap (03:00), where {@link #isOpen} opens too.
   */
  public Instant nextOpening(Instant from, ZoneId contactZone) {
    if (isOpen(from, contactZone)) {
      return from;
    }
    ZoneId zone = zoneFor(contactZone);
    LocalDate date = from.atZone(zone).toLocalDate();
    for (int i = 0; i <= 7; i++) {
      LocalDate day = date.plusDays(i);
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      Instant opening = firstInstantOf(LocalDateTime.of(day, start), zone);
      if (!opening.isBefore(from)) {
        return opening;
      }
    }
    throw new IllegalStateException("a window open on some day of the week opens within 8 days");
  }

  private static Instant firstInstantOf(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return ZonedDateTime.of(local, zone).toInstant();
  }

  private ZoneId zoneFor(ZoneId contactZone) {
    return contactZone != null ? contactZone : timezone;
  }

  /**
   * A window from its text form, as requests give it and documents store it: an IANA zone, {@code
   * HH:mm} times and day names in any case (none: every day).
   *
   * @throws IllegalArgumentException naming the first part that is not valid
   */
  public static CallingWindow parse(
      String timezone, String start, String end, Collection<String> days) {
    EnumSet<DayOfWeek> parsedDays = EnumSet.noneOf(DayOfWeek.class);
    if (days != null) {
      days.forEach(day -> parsedDays.add(parseDay(day)));
    }
    return new CallingWindow(parseZone(timezone), parseTime(start), parseTime(end), parsedDays);
  }

  /** An IANA region zone such as {@code Asia/Kolkata}; offsets such as {@code +05:30} are not. */
  public static ZoneId parseZone(String zone) {
    if (zone == null || !ZONES.contains(zone)) {
      throw new IllegalArgumentException("must be an IANA time zone such as Asia/Kolkata");
    }
    return ZoneId.of(zone);
  }

  /** A local time {@code HH:mm}, 00:00 to 23:59. */
  public static LocalTime parseTime(String time) {
    if (time == null || !HH_MM.matcher(time).matches()) {
      throw new IllegalArgumentException("must be a time HH:mm, e.g. 09:00");
    }
    return LocalTime.parse(time);
  }

  /** A day name, {@code MONDAY} … {@code SUNDAY} in any case. */
  public static DayOfWeek parseDay(String day) {
    try {
      return DayOfWeek.valueOf(String.valueOf(day).strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown day '" + day + "' (use MONDAY … SUNDAY)", e);
    }
  }

  /** A time in the text form {@link #parseTime} reads. */
  public static String format(LocalTime time) {
    return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
  }
}
