package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.contactlist.ContactListLookup.ListState;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.MachineDetection;
import com.voicecampaigns.model.contact.PhoneNumber;
import com.voicecampaigns.store.campaign.NewCampaign.CampaignSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Checks a create or reschedule request field by field and reports every problem at once. */
@Component
class CampaignRequestValidator {

  static final int MAX_NAME = 200;
  static final int MAX_URL = 2048;
  static final int MAX_CONCURRENT_CALLS = 1000;
  static final double MAX_CALLS_PER_SECOND = 100;

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
    Instant endTime =
        request.endTime() == null
            ? null
            : endTime(request.endTime(), scheduledTime == null ? now : scheduledTime, now, v);
    MachineDetection machineDetection = machineDetection(request.machineDetection(), v);
    CallingWindow window = CampaignPolicies.window(request.callingWindow(), v);
    RetryPolicy retry = CampaignPolicies.retry(request.retryPolicy(), v);
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
        new CampaignSettings(
            tenant,
            name,
            request.listId(),
            from,
            request.wssUrl().strip(),
            window,
            retry,
            concurrent,
            cps,
            endTime,
            machineDetection),
        scheduledTime);
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
    Instant time = instant("scheduledTime", raw, v);
    if (time == null) {
      return null;
    }
    if (!time.isAfter(now)) {
      v.reject("scheduledTime", "must be in the future");
    } else if (time.isAfter(now.plus(settings.scheduleHorizon()))) {
      v.reject("scheduledTime", "must be at most " + horizonDays() + " days ahead");
    }
    return time;
  }

  /**
   * An end time: an ISO 8601 instant with an offset, after {@code start} (the scheduled time, or
   * now for a campaign that starts at once) and within the horizon.
   */
  Instant endTime(String raw, Instant start, Instant now, Validation v) {
    Instant time = instant("endTime", raw, v);
    if (time == null) {
      return null;
    }
    if (!time.isAfter(start)) {
      v.reject(
          "endTime", start.equals(now) ? "must be in the future" : "must be after scheduledTime");
    } else if (time.isAfter(now.plus(settings.scheduleHorizon()))) {
      v.reject("endTime", "must be at most " + horizonDays() + " days ahead");
    }
    return time;
  }

  /** {@code off}, {@code hangup} or {@code bot}; absent: {@code null} (off). */
  static MachineDetection machineDetection(String raw, Validation v) {
    if (raw == null) {
      return null;
    }
    try {
      return MachineDetection.fromWire(raw);
    } catch (IllegalArgumentException e) {
      v.reject("machineDetection", "must be one of off, hangup, bot");
      return null;
    }
  }

  private long horizonDays() {
    return settings.scheduleHorizon().toDays();
  }

  /** An ISO 8601 instant with an offset or Z; a local time is refused rather than guessed. */
  private static Instant instant(String field, String raw, Validation v) {
    try {
      return OffsetDateTime.parse(raw.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      v.reject(
          field,
          isLocalDateTime(raw)
              ? "has no offset: add Z or an offset such as +05:30 (local times are not guessed)"
              : "must be an ISO 8601 date-time with an offset, e.g. 2025-10-01T20:00:00Z");
      return null;
    }
  }

  private static boolean isLocalDateTime(String raw) {
    try {
      LocalDateTime.parse(raw.strip());
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
