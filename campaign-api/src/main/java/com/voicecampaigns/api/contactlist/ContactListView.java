package com.voicecampaigns.api.contactlist;

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

  static ContactListView of(ContactList list) {
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
