package com.voicecampaigns.api.contactlist;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.contact.ContactFields;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** What other features may ask about lists and contacts. */
@Component
public class ContactListLookup {

  private final MongoTemplate mongo;

  ContactListLookup(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** A list's owner, status and size, if {@code listId} names one. */
  public Optional<ListState> find(String listId) {
    if (listId == null || !ObjectId.isValid(listId)) {
      return Optional.empty();
    }
    return Optional.ofNullable(mongo.findById(new ObjectId(listId), ContactList.class))
        .map(list -> new ListState(list.id(), list.clientId(), list.status(), list.contactCount()));
  }

  /** A contact with its variables, if {@code contactId} names one. */
  public Optional<ContactView> contact(String contactId) {
    if (contactId == null || !ObjectId.isValid(contactId)) {
      return Optional.empty();
    }
    return Optional.ofNullable(
            mongo.findOne(
                Query.query(where(ContactFields.ID).is(new ObjectId(contactId))), Contact.class))
        .map(ContactView::of);
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
