package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.model.contact.ContactFields;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A contact list; {@code status} is {@code importing}, {@code ready} or {@code deleting} ({@link
 * ContactFields#STATUS}). Only a ready list may be used by a campaign.
 */
@Document(ContactFields.LIST_COLLECTION)
record ContactList(
    @Id String id,
    String clientId,
    String name,
    String status,
    long contactCount,
    Instant createdAt,
    Instant updatedAt) {

  boolean isReady() {
    return ContactFields.LIST_READY.equals(status);
  }
}
