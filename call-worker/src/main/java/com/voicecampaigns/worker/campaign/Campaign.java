package com.voicecampaigns.worker.campaign;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The worker's view of a campaign document: what it needs to dial, parsed into the shared value
 * types. Read-only: the worker changes a campaign only by conditional updates of named fields.
 *
 * @param window the calling window, {@code null} when calls may be placed at any hour
 * @param maxConcurrentCalls the campaign's concurrency limit, {@code null} for none
 * @param callsPerSecond the campaign's own rate limit, {@code null} for the account's only
 * @param cursor the id of the last contact handed to the dialler, {@code null} before the first
 */
public record Campaign(
    String id,
    String clientId,
    String listId,
    String fromNumber,
    String wssUrl,
    CampaignStatus status,
    String dispatchId,
    String workerId,
    CallingWindow window,
    RetryPolicy retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond,
    String cursor,
    boolean contactsExhausted) {

  /**
   * Parses a campaign document.
   *
   * @throws InvalidCampaignException when a field the worker relies on is missing or malformed
   */
  public static Campaign from(Document doc) {
    try {
      return new Campaign(
          idOf(doc.get(CampaignFields.ID)),
          doc.getString(CampaignFields.CLIENT_ID),
          idOf(doc.get(CampaignFields.LIST_ID)),
          doc.getString(CampaignFields.FROM_NUMBER),
          doc.getString(CampaignFields.WSS_URL),
          CampaignStatus.fromWire(doc.getString(CampaignFields.STATUS)),
          doc.getString(CampaignFields.DISPATCH_ID),
          doc.getString(CampaignFields.WORKER_ID),
          window(doc.get(CampaignFields.CALLING_WINDOW, Document.class)),
          retryPolicy(doc.get(CampaignFields.RETRY_POLICY, Document.class)),
          intOrNull(doc.get(CampaignFields.MAX_CONCURRENT_CALLS)),
          doubleOrNull(doc.get(CampaignFields.CALLS_PER_SECOND)),
          idOf(doc.get(CampaignFields.CURSOR)),
          Boolean.TRUE.equals(doc.getBoolean(CampaignFields.CONTACTS_EXHAUSTED)));
    } catch (RuntimeException e) {
      throw new InvalidCampaignException(
          "campaign " + doc.get(CampaignFields.ID) + " cannot be dialled: " + e.getMessage(), e);
    }
  }

  /**
   * Whether a call to a contact in {@code contactZone} (null: the campaign's) may be placed at
   * {@code instant}: the window is open then and still open {@code margin} later, so that a call
   * reaches Plivo before the window closes.
   */
  public boolean callableAt(Instant instant, ZoneId contactZone, Duration margin) {
    return window == null
        || (window.isOpen(instant, contactZone)
            && window.isOpen(instant.plus(margin), contactZone));
  }

  /**
   * The first instant at or after {@code from} at which {@link #callableAt} holds; correct across
   * daylight-saving changes, because {@link CallingWindow} works in local wall-clock time.
   */
  public Instant nextCallable(Instant from, ZoneId contactZone, Duration margin) {
    if (callableAt(from, contactZone, margin)) {
      return from;
    }
    Instant opening = window.nextOpening(from, contactZone);
    if (!opening.isAfter(from)) {
      // open now but closing within the margin: the following opening
      opening = window.nextOpening(from.plus(margin), contactZone);
    }
    return opening;
  }

  /**
   * Whether a contact in {@code contactZone} follows the campaign's own window hours, so that a
   * closed window holds up every later contact of the campaign's zone as well.
   */
  public boolean inCampaignZone(ZoneId contactZone) {
    return window == null || contactZone == null || contactZone.equals(window.timezone());
  }

  private static CallingWindow window(Document window) {
    if (window == null) {
      return null;
    }
    List<?> days = window.get(CampaignFields.WINDOW_DAYS, List.class);
    Set<DayOfWeek> parsedDays = EnumSet.noneOf(DayOfWeek.class);
    if (days != null) {
      days.forEach(
          day -> parsedDays.add(DayOfWeek.valueOf(day.toString().toUpperCase(Locale.ROOT))));
    }
    return new CallingWindow(
        ZoneId.of(window.getString(CampaignFields.WINDOW_TIMEZONE)),
        LocalTime.parse(window.getString(CampaignFields.WINDOW_START)),
        LocalTime.parse(window.getString(CampaignFields.WINDOW_END)),
        parsedDays);
  }

  private static RetryPolicy retryPolicy(Document policy) {
    if (policy == null) {
      return RetryPolicy.DEFAULT;
    }
    Set<CallStatus> retryOn = EnumSet.noneOf(CallStatus.class);
    List<?> statuses = policy.get(CampaignFields.RETRY_ON, List.class);
    if (statuses == null) {
      retryOn = RetryPolicy.DEFAULT.retryOn();
    } else {
      for (Object status : statuses) {
        retryOn.add(CallStatus.fromWire(status.toString()));
      }
    }
    Integer maxAttempts = intOrNull(policy.get(CampaignFields.RETRY_MAX_ATTEMPTS));
    Number backoff = (Number) policy.get(CampaignFields.RETRY_BACKOFF_SECONDS);
    return new RetryPolicy(
        maxAttempts == null ? RetryPolicy.DEFAULT.maxAttempts() : maxAttempts,
        retryOn,
        backoff == null
            ? RetryPolicy.DEFAULT.backoff()
            : Duration.ofMillis(Math.round(backoff.doubleValue() * 1000)));
  }

  static String idOf(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof ObjectId objectId ? objectId.toHexString() : value.toString();
  }

  private static Integer intOrNull(Object value) {
    return value instanceof Number number ? number.intValue() : null;
  }

  private static Double doubleOrNull(Object value) {
    return value instanceof Number number ? number.doubleValue() : null;
  }

  static Instant instantOrNull(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }
}
