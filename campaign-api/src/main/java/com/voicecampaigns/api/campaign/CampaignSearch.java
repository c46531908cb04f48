package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Filters of {@code GET /api/v1/campaigns}: statuses, {@code scheduledTime} in {@code [from, to)},
 * a tenant (admins only), and the sort direction.
 */
record CampaignSearch(
    Set<CampaignStatus> statuses, Instant from, Instant to, String clientId, boolean descending) {

  static CampaignSearch of(
      List<String> statuses, String from, String to, String clientId, String order) {
    var v = new Validation();
    Set<CampaignStatus> parsed = EnumSet.noneOf(CampaignStatus.class);
    for (String value : statuses == null ? List.<String>of() : statuses) {
      for (String status : value.split(",")) {
        try {
          parsed.add(CampaignStatus.fromWire(status.strip()));
        } catch (IllegalArgumentException e) {
          v.reject("status", "'" + status + "' is not a campaign status");
        }
      }
    }
    Instant fromTime = instant("from", from, v);
    Instant toTime = instant("to", to, v);
    if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
      v.reject("to", "must be after from");
    }
    boolean descending = "desc".equalsIgnoreCase(order);
    if (order != null && !descending && !"asc".equalsIgnoreCase(order)) {
      v.reject("order", "must be asc or desc");
    }
    v.throwIfInvalid();
    return new CampaignSearch(parsed, fromTime, toTime, clientId, descending);
  }

  private static Instant instant(String field, String value, Validation v) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeException e) {
      v.reject(field, "must be an ISO 8601 date-time with an offset, e.g. 2025-10-01T00:00:00Z");
      return null;
    }
  }
}
