package com.voicecampaigns.faults.audit;

import com.voicecampaigns.simulator.audit.AuditedCall;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** No call outside the campaign's calling window, by the simulator's placement time. */
final class CallingWindowAudit {

  private CallingWindowAudit() {}

  /**
   * How many of {@code own} were placed outside the window; each is added to {@code violations}.
   */
  static long outside(AuditedCampaign campaign, List<AuditedCall> own, List<String> violations) {
    JsonNode window = campaign.view().get("callingWindow");
    if (window == null || window.isNull()) {
      return 0;
    }
    ZoneId zone = ZoneId.of(window.get("timezone").asString());
    LocalTime start = LocalTime.parse(window.get("start").asString());
    LocalTime end = LocalTime.parse(window.get("end").asString());
    Set<DayOfWeek> days = new HashSet<>();
    window.get("days").forEach(day -> days.add(DayOfWeek.valueOf(day.asString())));
    long outside = 0;
    for (AuditedCall call : own) {
      ZonedDateTime local = call.placedAt().atZone(zone);
      LocalTime time = local.toLocalTime();
      if (!days.contains(local.getDayOfWeek()) || time.isBefore(start) || !time.isBefore(end)) {
        outside++;
        violations.add(call.to() + " was placed at " + local + ", outside the calling window");
      }
    }
    return outside;
  }
}
