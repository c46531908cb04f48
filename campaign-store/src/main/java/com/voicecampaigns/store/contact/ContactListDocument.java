package com.voicecampaigns.store.contact;

import com.voicecampaigns.model.contact.ContactFields;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A contact list; {@code status} is {@link ContactFields#LIST_IMPORTING}, {@link
 * ContactFields#LIST_READY} or {@link ContactFields#LIST_DELETING}. Only a ready list may be used
 * by a campaign.
 */
@Document(ContactFields.LIST_COLLECTION)
public record ContactListDocument(
    @Id String id,
    String clientId,
    String name,
    String status,
    long contactCount,
    Instant createdAt,
    Instant updatedAt) {

  public boolean isReady() {
    return ContactFields.LIST_READY.equals(status);
  }

  /** A list whose contacts are about to be written. */
  public static ContactListDocument importing(
      String id, String clientId, String name, Instant now) {
    return new ContactListDocument(id, clientId, name, ContactFields.LIST_IMPORTING, 0, now, now);
  }
}
