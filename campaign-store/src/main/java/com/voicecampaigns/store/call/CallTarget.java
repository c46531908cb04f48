package com.voicecampaigns.store.call;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Who an attempt calls, for which campaign: the same for every attempt of a contact.
 *
 * @param to the contact's number, E.164
 * @param from the campaign's caller id
 * @param contactTimezone the contact's own IANA zone, copied onto each attempt so that a retry
 *     honours the contact's calling window without reading the contact again; {@code null}: the
 *     campaign's zone
 */
public record CallTarget(
    String campaignId,
    String clientId,
    String contactId,
    String to,
    String from,
    String contactTimezone) {

  /** The contact's zone, or {@code null} for the campaign's (also when the stored id is bad). */
  public ZoneId contactZone() {
    return zoneOrNull(contactTimezone);
  }

  /** {@code zone} as a zone id; {@code null} when it is blank or no zone. */
  public static ZoneId zoneOrNull(String zone) {
    if (zone == null || zone.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
