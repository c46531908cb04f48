package com.voicecampaigns.store.contact;

import com.voicecampaigns.model.contact.ContactFields;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One callable contact of a list, unique per list and phone number. Field names are {@link
 * ContactFields}'.
 *
 * @param listId the list's id as hex text
 * @param phone E.164
 * @param name {@code null}: none
 * @param timezone the contact's IANA zone, {@code null}: the campaign's
 * @param variables what the voice bot may read about the contact
 */
@Document(ContactFields.CONTACT_COLLECTION)
public record ContactDocument(
    @Id String id,
    String listId,
    String phone,
    String name,
    String timezone,
    Map<String, String> variables) {

  public ContactDocument {
    variables = variables == null ? Map.of() : variables;
  }
}
