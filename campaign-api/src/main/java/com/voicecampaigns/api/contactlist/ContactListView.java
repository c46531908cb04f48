package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.store.contact.ContactListDocument;
import java.time.Instant;

/** A contact list as the API answers it. */
record ContactListView(
    String id,
    String clientId,
    String name,
    String status,
    long contactCount,
    Instant createdAt,
    Instant updatedAt) {

  static ContactListView of(ContactListDocument list) {
    return new ContactListView(
        list.id(),
        list.clientId(),
        list.name(),
        list.status(),
        list.contactCount(),
        list.createdAt(),
        list.updatedAt());
  }
}
