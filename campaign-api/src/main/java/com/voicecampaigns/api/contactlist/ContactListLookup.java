package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.store.contact.ContactStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What other features may ask about lists and contacts. */
@Component
public class ContactListLookup {

  private final ContactStore contacts;

  ContactListLookup(ContactStore contacts) {
    this.contacts = contacts;
  }

  /** A list's owner, status and size, if {@code listId} names one. */
  public Optional<ListState> find(String listId) {
    return contacts
        .findList(listId)
        .map(list -> new ListState(list.id(), list.clientId(), list.status(), list.contactCount()));
  }

  /** A contact with its variables, if {@code contactId} names one. */
  public Optional<ContactView> contact(String contactId) {
    return contacts.contact(contactId).map(ContactView::of);
  }

  /**
   * @param status {@code importing}, {@code ready} or {@code deleting}
   */
  public record ListState(String id, String clientId, String status, long contactCount) {

    public boolean isReady() {
      return ContactFields.LIST_READY.equals(status);
    }
  }
}
