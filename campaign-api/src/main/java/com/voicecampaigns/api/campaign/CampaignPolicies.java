package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.campaign.CreateCampaignRequest.RetryInput;
import com.voicecampaigns.api.campaign.CreateCampaignRequest.WindowInput;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a request's calling window and retry policy into the shared-model value types, which parse
 * each part themselves ({@link CallingWindow#parse}, {@link RetryPolicy#parseBackoff}, …); this
 * class only names the field of every problem, so that all of them are reported at once.
 */
final class CampaignPolicies {

  private CampaignPolicies() {}

  static CallingWindow window(WindowInput input, Validation v) {
    if (input == null) {
      return null;
    }
    int errors = v.errorCount();
    ZoneId zone = parse("callingWindow.timezone", input.timezone(), CallingWindow::parseZone, v);
    LocalTime start = parse("callingWindow.start", input.start(), CallingWindow::parseTime, v);
    LocalTime end = parse("callingWindow.end", input.end(), CallingWindow::parseTime, v);
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : input.days() == null ? List.<String>of() : input.days()) {
      DayOfWeek parsed = parse("callingWindow.days", day, CallingWindow::parseDay, v);
      if (parsed != null) {
        days.add(parsed);
      }
    }
    if (v.errorCount() > errors) {
      return null;
    }
    try {
      return new CallingWindow(zone, start, end, days);
    } catch (IllegalArgumentException e) {
      v.reject("callingWindow", e.getMessage());
      return null;
    }
  }

  static RetryPolicy retry(RetryInput input, Validation v) {
    if (input == null) {
      return null;
    }
    int errors = v.errorCount();
    Set<CallStatus> retryOn = EnumSet.noneOf(CallStatus.class);
    for (String outcome : input.retryOn() == null ? List.<String>of() : input.retryOn()) {
      CallStatus parsed = parse("retryPolicy.retryOn", outcome, RetryPolicy::parseOutcome, v);
      if (parsed != null) {
        retryOn.add(parsed);
      }
    }
    Duration backoff = parse("retryPolicy.backoff", input.backoff(), RetryPolicy::parseBackoff, v);
    if (input.maxAttempts() == null) {
      v.reject("retryPolicy.maxAttempts", "is required");
    }
    if (v.errorCount() > errors) {
      return null;
    }
    try {
      return new RetryPolicy(input.maxAttempts(), retryOn, backoff);
    } catch (IllegalArgumentException e) {
      v.reject("retryPolicy.maxAttempts", e.getMessage());
      return null;
    }
  }

  private static <T> T parse(String field, String raw, Function<String, T> parser, Validation v) {
    try {
      return parser.apply(raw);
    } catch (IllegalArgumentException e) {
      v.reject(field, e.getMessage());
      return null;
    }
  }
}
