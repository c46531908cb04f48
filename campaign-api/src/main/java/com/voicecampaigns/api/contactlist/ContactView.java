package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.store.contact.ContactDocument;
import java.util.Map;

/** A contact as the API answers it. */
public record ContactView(
    String id, String phone, String name, String timezone, Map<String, String> variables) {

  static ContactView of(ContactDocument contact) {
    return new ContactView(
        contact.id(),
        contact.phone(),
        contact.name(),
        contact.timezone(),
        contact.variables() == null ? Map.of() : contact.variables());
  }
}
