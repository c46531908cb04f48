package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.campaign.CreateCampaignRequest.RetryInput;
import com.voicecampaigns.api.campaign.CreateCampaignRequest.WindowInput;
import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.contactlist.ContactListLookup.ListState;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.contact.PhoneNumber;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Checks a create or reschedule request field by field and reports every problem at once. */
@Component
class CampaignRequestValidator {

  static final int MAX_NAME = 200;
  static final int MAX_URL = 2048;
  static final int MAX_CONCURRENT_CALLS = 1000;
  static final double MAX_CALLS_PER_SECOND = 100;
  static final Duration MAX_BACKOFF = Duration.ofDays(7);
  private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private final ContactListLookup lists;
  private final ApiProperties.Campaigns settings;

  CampaignRequestValidator(ContactListLookup lists, ApiProperties properties) {
    this.lists = lists;
    this.settings = properties.campaigns();
  }

  CampaignDraft validate(String tenant, CreateCampaignRequest request, Instant now) {
    var v = new Validation();
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      v.reject("name", "must be 1 to " + MAX_NAME + " characters");
    }
    checkList(tenant, request.listId(), v);
    String from = fromNumber(request.fromNumber(), v);
    wssUrl(request.wssUrl(), v);
    Instant scheduledTime =
        request.scheduledTime() == null ? null : scheduledTime(request.scheduledTime(), now, v);
    Campaign.Window window = window(request.callingWindow(), v);
    Campaign.Retry retry = retry(request.retryPolicy(), v);
    Integer concurrent = request.maxConcurrentCalls();
    if (concurrent != null && (concurrent < 1 || concurrent > MAX_CONCURRENT_CALLS)) {
      v.reject("maxConcurrentCalls", "must be between 1 and " + MAX_CONCURRENT_CALLS);
    }
    Double cps = request.callsPerSecond();
    if (cps != null && (cps.isNaN() || cps <= 0 || cps > MAX_CALLS_PER_SECOND)) {
      v.reject("callsPerSecond", "must be more than 0 and at most " + (int) MAX_CALLS_PER_SECOND);
    }
    v.throwIfInvalid();
    return new CampaignDraft(
        tenant,
        name,
        request.listId(),
        from,
        request.wssUrl().strip(),
        scheduledTime,
        window,
        retry,
        concurrent,
        cps);
  }

  private void checkList(String tenant, String listId, Validation v) {
    if (listId == null || listId.isBlank()) {
      v.reject("listId", "is required");
      return;
    }
    Optional<ListState> list = lists.find(listId).filter(l -> l.clientId().equals(tenant));
    if (list.isEmpty()) {
      v.reject("listId", "no contact list with this id");
    } else if (!list.get().isReady()) {
      v.reject("listId", "the contact list is " + list.get().status() + ", not ready");
    } else if (list.get().contactCount() == 0) {
      v.reject("listId", "the contact list is empty");
    }
  }

  private static String fromNumber(String raw, Validation v) {
    if (raw == null || raw.isBlank()) {
      v.reject("fromNumber", "is required");
      return null;
    }
    try {
      return new PhoneNumber(raw.strip()).e164();
    } catch (IllegalArgumentException e) {
      v.reject("fromNumber", "must be a valid E.164 number such as +918035735659");
      return null;
    }
  }

  private void wssUrl(String raw, Validation v) {
    String allowed = settings.allowInsecureWebSocket() ? "a wss:// or ws:// URL" : "a wss:// URL";
    if (raw == null || raw.isBlank()) {
      v.reject("wssUrl", "is required");
      return;
    }
    try {
      URI uri = new URI(raw.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean schemeOk =
          scheme.equals("wss") || (scheme.equals("ws") && settings.allowInsecureWebSocket());
      if (!schemeOk || uri.getHost() == null || raw.length() > MAX_URL) {
        v.reject("wssUrl", "must be " + allowed + " with a host, at most " + MAX_URL + " chars");
      }
    } catch (URISyntaxException e) {
      v.reject("wssUrl", "must be " + allowed);
    }
  }

  /**
   * An ISO 8601 instant with an offset or Z, after {@code now} and within the horizon. A local time
   * is refused rather than guessed in some zone.
   */
  Instant scheduledTime(String raw, Instant now, Validation v) {
    Instant time;
    try {
      time =
          OffsetDateTime.parse(raw.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant()
              .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      v.reject(
          "scheduledTime",
          isLocalDateTime(raw)
              ? "has no offset: add Z or an offset such as +05:30 (local times are not guessed)"
              : "must be an ISO 8601 date-time with an offset, e.g. 2025-10-01T20:00:00Z");
      return null;
    }
    if (!time.isAfter(now)) {
      v.reject("scheduledTime", "must be in the future");
    } else if (time.isAfter(now.plus(settings.scheduleHorizon()))) {
      v.reject(
          "scheduledTime",
          "must be at most " + settings.scheduleHorizon().toDays() + " days ahead");
    }
    return time;
  }

  private static boolean isLocalDateTime(String raw) {
    try {
      LocalDateTime.parse(raw.strip());
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static Campaign.Window window(WindowInput input, Validation v) {
    if (input == null) {
      return null;
    }
    int errors = count(v);
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
    if (count(v) > errors) {
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

  private static Campaign.Retry retry(RetryInput input, Validation v) {
    if (input == null) {
      return null;
    }
    int errors = count(v);
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
    if (count(v) > errors) {
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

  private static int count(Validation v) {
    return v.errorCount();
  }
}
