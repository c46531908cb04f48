package com.voicecampaigns.faults.scenario;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Calling windows that are open, or closed, for the next hours, whatever the time of day the suite
 * runs: in the first of a few time zones where it is between 02:00 and 15:00 now, so that neither
 * window crosses midnight.
 */
final class CallingWindows {

  private static final List<String> ZONES =
      List.of("UTC", "Asia/Tokyo", "Asia/Kolkata", "America/New_York", "America/Los_Angeles");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private CallingWindows() {}

  /** Open from an hour ago until three hours from now. */
  static Map<String, Object> openNow() {
    ZonedDateTime now = localNow();
    return window(now.getZone(), now.toLocalTime().minusHours(1), now.toLocalTime().plusHours(3));
  }

  /** Opens in four hours, closes in six. */
  static Map<String, Object> closedNow() {
    ZonedDateTime now = localNow();
    return window(now.getZone(), now.toLocalTime().plusHours(4), now.toLocalTime().plusHours(6));
  }

  private static Map<String, Object> window(ZoneId zone, LocalTime start, LocalTime end) {
    return Map.of("timezone", zone.getId(), "start", start.format(HH_MM), "end", end.format(HH_MM));
  }

  private static ZonedDateTime localNow() {
    Instant now = Instant.now();
    for (String zone : ZONES) {
      ZonedDateTime local = now.atZone(ZoneId.of(zone));
      if (local.getHour() >= 2 && local.getHour() < 15) {
        return local;
      }
    }
    throw new IllegalStateException("no zone in " + ZONES + " has a time between 02:00 and 15:00");
  }
}
