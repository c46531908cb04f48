package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.campaign.CreateCampaignRequest.RetryInput;
import com.voicecampaigns.api.campaign.CreateCampaignRequest.WindowInput;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request's calling window and retry policy into their stored shapes, validated by the
 * shared-model value types ({@link CallingWindow}, {@link RetryPolicy}).
 */
final class CampaignPolicies {

  static final Duration MAX_BACKOFF = Duration.ofDays(7);
  private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private CampaignPolicies() {}

  static Campaign.Window window(WindowInput input, Validation v) {
    if (input == null) {
      return null;
    }
    int errors = v.errorCount();
    ZoneId zone = null;
    if (input.timezone() == null || !ZONES.contains(input.timezone())) {
      v.reject("callingWindow.timezone", "must be an IANA time zone such as Asia/Kolkata");
    } else {
      zone = ZoneId.of(input.timezone());
    }
    LocalTime start = time("callingWindow.start", input.start(), v);
    LocalTime end = time("callingWindow.end", input.end(), v);
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<String> dayNames = input.days() == null ? List.of() : input.days();
    for (String day : dayNames) {
      try {
        days.add(DayOfWeek.valueOf(String.valueOf(day).strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        v.reject("callingWindow.days", "unknown day '" + day + "' (use MONDAY … SUNDAY)");
      }
    }
    if (v.errorCount() > errors) {
      return null;
    }
    try {
      var window = new CallingWindow(zone, start, end, days);
      return new Campaign.Window(
          window.timezone().getId(),
          input.start(),
          input.end(),
          window.days().stream().map(DayOfWeek::name).toList());
    } catch (IllegalArgumentException e) {
      v.reject("callingWindow", e.getMessage());
      return null;
    }
  }

  private static LocalTime time(String field, String raw, Validation v) {
    if (raw == null || !HH_MM.matcher(raw).matches()) {
      v.reject(field, "must be a time HH:mm, e.g. 09:00");
      return null;
    }
    return LocalTime.parse(raw);
  }

  static Campaign.Retry retry(RetryInput input, Validation v) {
    if (input == null) {
      return null;
    }
    int errors = v.errorCount();
    Set<CallStatus> retryOn = EnumSet.noneOf(CallStatus.class);
    for (String outcome : input.retryOn() == null ? List.<String>of() : input.retryOn()) {
      try {
        CallStatus status = CallStatus.fromWire(String.valueOf(outcome).strip());
        if (!RetryPolicy.RETRYABLE.contains(status)) {
          throw new IllegalArgumentException();
        }
        retryOn.add(status);
      } catch (IllegalArgumentException e) {
        v.reject("retryPolicy.retryOn", "'" + outcome + "' is not one of busy, no-answer, failed");
      }
    }
    Duration backoff = backoff(input.backoff(), v);
    if (input.maxAttempts() == null) {
      v.reject("retryPolicy.maxAttempts", "is required");
    }
    if (v.errorCount() > errors) {
      return null;
    }
    try {
      var policy = new RetryPolicy(input.maxAttempts(), retryOn, backoff);
      return new Campaign.Retry(
          policy.maxAttempts(),
          policy.retryOn().stream().map(CallStatus::wire).toList(),
          policy.backoff().toSeconds());
    } catch (IllegalArgumentException e) {
      v.reject("retryPolicy.maxAttempts", e.getMessage());
      return null;
    }
  }

  private static Duration backoff(String raw, Validation v) {
    if (raw == null || raw.isBlank()) {
      return RetryPolicy.DEFAULT.backoff();
    }
    Duration backoff;
    try {
      backoff =
          raw.strip().matches("\\d{1,9}")
              ? Duration.ofSeconds(Long.parseLong(raw.strip()))
              : Duration.parse(raw.strip());
    } catch (DateTimeException e) {
      v.reject("retryPolicy.backoff", "must be seconds (600) or an ISO 8601 duration (PT10M)");
      return null;
    }
    if (backoff.isNegative() || backoff.compareTo(MAX_BACKOFF) > 0) {
      v.reject("retryPolicy.backoff", "must be between 0 and 7 days");
      return null;
    }
    return backoff;
  }
}
