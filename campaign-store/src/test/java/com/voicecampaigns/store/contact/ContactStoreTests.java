package com.voicecampaigns.store.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.StoreTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Lists and contacts: imports count duplicates, lists change status conditionally, walks. */
class ContactStoreTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");

  @Autowired ContactStore contacts;

  @Test
  void anImportCountsANumberAlreadyInTheListAsADuplicate() {
    String listId = importing();
    List<ContactDocument> batch =
        List.of(
            contact(listId, "+14155550101", Map.of("plan", "gold")),
            contact(listId, "+14155550102", Map.of()),
            contact(listId, "+14155550101", Map.of()));

    assertThat(contacts.insertContacts(batch)).isEqualTo(1);
    assertThat(contacts.insertContacts(List.of(contact(listId, "+14155550102", Map.of()))))
        .isEqualTo(1);
    assertThat(contacts.countContacts(listId)).isEqualTo(2);
    Document stored =
        mongo
            .getCollection(ContactFields.CONTACT_COLLECTION)
            .find(new Document(ContactFields.PHONE, "+14155550101"))
            .first();
    assertThat(stored.get(ContactFields.ID)).isInstanceOf(ObjectId.class);
    assertThat(stored.getString(ContactFields.LIST_ID)).isEqualTo(listId);
    assertThat(stored.get(ContactFields.VARIABLES)).isEqualTo(new Document("plan", "gold"));
    assertThat(stored).doesNotContainKeys("_class", ContactFields.NAME, ContactFields.TIMEZONE);
  }

  @Test
  void aListIsReadyOnlyAfterItsImportAndIsDeletedOnlyWhenReady() {
    String listId = importing();

    assertThat(contacts.markDeleting(listId, NOW)).as("still importing").isEmpty();
    assertThat(contacts.listAvailable(listId)).isTrue();
    assertThat(contacts.markReady(listId, 2, NOW)).isTrue();
    assertThat(contacts.markReady(listId, 2, NOW)).as("ready already").isFalse();
    assertThat(contacts.findList(listId).orElseThrow().isReady()).isTrue();
    assertThat(contacts.markDeleting(listId, NOW).orElseThrow().status())
        .isEqualTo(ContactFields.LIST_DELETING);
    assertThat(contacts.listAvailable(listId)).isFalse();
    contacts.unmarkDeleting(listId);
    assertThat(contacts.findList(listId).orElseThrow().isReady()).isTrue();
    contacts.delete(listId);
    assertThat(contacts.findList(listId)).isEmpty();
    assertThat(contacts.listAvailable(listId)).isFalse();
  }

  @Test
  void aStaleImportIsClaimedOnce() {
    String listId = importing();
    contacts.touch(listId, NOW.minusSeconds(3600));

    assertThat(contacts.claimStaleImport(NOW.minusSeconds(60), NOW))
        .get()
        .extracting(ContactListDocument::id)
        .isEqualTo(listId);
    assertThat(contacts.claimStaleImport(NOW.minusSeconds(60), NOW)).isEmpty();
  }

  @Test
  void aWalkReadsTheListInIdOrderAfterTheGivenContact() {
    String listId = importing();
    List<ContactDocument> batch = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      batch.add(contact(listId, "+1415555020" + i, Map.of()));
    }
    contacts.insertContacts(batch);

    List<String> all = walk(listId, null);
    List<String> rest = walk(listId, all.get(2));

    assertThat(all).containsExactlyElementsOf(batch.stream().map(ContactDocument::id).toList());
    assertThat(rest).containsExactlyElementsOf(all.subList(3, 7));
  }

  private List<String> walk(String listId, String after) {
    List<String> ids = new ArrayList<>();
    try (ContactCursor cursor = contacts.walk(listId, after, 2)) {
      for (ContactDocument next = cursor.next(); next != null; next = cursor.next()) {
        assertThat(next.phone()).startsWith("+1415555020");
        ids.add(next.id());
      }
    }
    return ids;
  }

  private String importing() {
    String listId = Ids.newId();
    contacts.createList(ContactListDocument.importing(listId, "client-1", "list", NOW));
    return listId;
  }

  private static ContactDocument contact(String listId, String phone, Map<String, String> vars) {
    return new ContactDocument(Ids.newId(), listId, phone, null, null, vars);
  }
}
