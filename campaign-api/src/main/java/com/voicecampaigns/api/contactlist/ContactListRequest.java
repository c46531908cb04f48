package com.voicecampaigns.api.contactlist;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/contact-lists} with JSON contacts.
 *
 * @param name 1–200 characters
 * @param contacts at least one contact
 */
record ContactListRequest(String name, List<ContactInput> contacts) {

  /**
   * @param phone E.164 after normalisation ({@code "+1 415 555 2671"} is accepted)
   * @param name optional, up to 200 characters
   * @param timezone optional IANA time zone, e.g. {@code Asia/Kolkata}
   * @param variables optional values the voice bot reads for this contact
   */
  record ContactInput(String phone, String name, String timezone, Map<String, String> variables) {}
}
