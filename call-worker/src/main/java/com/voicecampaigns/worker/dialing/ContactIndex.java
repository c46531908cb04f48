package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.contact.ContactFields;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The index that {@link ContactWalk}'s cursor reads a list from, in {@code _id} order. Creating an
 * existing index is a no-op, so every worker asks for it at start.
 */
@Component
class ContactIndex {

  ContactIndex(MongoTemplate mongo) {
    mongo
        .indexOps(ContactFields.CONTACT_COLLECTION)
        .createIndex(
            new Index()
                .on(ContactFields.LIST_ID, Sort.Direction.ASC)
                .on(ContactFields.ID, Sort.Direction.ASC)
                .named("listId_id"));
  }
}
