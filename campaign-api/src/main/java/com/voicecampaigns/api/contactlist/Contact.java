package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.model.contact.ContactFields;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One callable contact of a list; unique per list and phone number. */
@Document(ContactFields.CONTACT_COLLECTION)
record Contact(
    @Id String id,
    String listId,
    String phone,
    String name,
    String timezone,
    Map<String, String> variables) {}
