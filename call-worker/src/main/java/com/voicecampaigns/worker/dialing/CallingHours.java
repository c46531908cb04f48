package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.campaign.CallingWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When a campaign may call: its calling window ({@code null}: any hour), kept clear of the window's
 * end by {@code margin} so that a call reaches Plivo before the window closes.
 */
record CallingHours(CallingWindow window, Duration margin) {

  /**
   * The hours of {@code window} with a margin of at least the longest Make-Call request: a request
   * sent just before the margin may reach Plivo only when its time is up, and Plivo must still
   * receive it inside the window.
   */
  static CallingHours of(CallingWindow window, Duration configuredMargin, Duration longestRequest) {
    return new CallingHours(
        window,
        configuredMargin.compareTo(longestRequest) >= 0 ? configuredMargin : longestRequest);
  }

  /**
   * Whether a call to a contact in {@code contactZone} (null: the campaign's) may be placed at
   * {@code instant}: the window is open then and still open {@code margin} later.
   */
  boolean callableAt(Instant instant, ZoneId contactZone) {
    return window == null
        || (window.isOpen(instant, contactZone)
            && window.isOpen(instant.plus(margin), contactZone));
  }

  /**
   * The first instant at or after {@code from} at which {@link #callableAt} holds; correct across
   * daylight-saving changes, because {@link CallingWindow} works in local wall-clock time.
   */
  Instant nextCallable(Instant from, ZoneId contactZone) {
    if (callableAt(from, contactZone)) {
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
  boolean inCampaignZone(ZoneId contactZone) {
    return window == null || contactZone == null || contactZone.equals(window.timezone());
  }
}
