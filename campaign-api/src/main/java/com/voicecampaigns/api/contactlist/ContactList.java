package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.model.contact.ContactFields;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document(ContactFields.LIST_COLLECTION)
record ContactList(
    @Id String id, String clientId, String name, long contactCount, Instant createdAt) {}
