package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.contactlist.ContactListRequest.ContactInput;
import com.voicecampaigns.api.contactlist.ContactListResponse.RejectedRow;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.model.contact.PhoneNumber;
import com.voicecampaigns.model.contact.PhoneNumber.InvalidPhoneNumberException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Service;

@Service
class ContactListService {

  private final MongoTemplate mongo;
  private final Clock clock;

  ContactListService(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    mongo
        .indexOps(Contact.class)
        .createIndex(
            new Index()
                .on(ContactFields.LIST_ID, Sort.Direction.ASC)
                .on(ContactFields.PHONE, Sort.Direction.ASC)
                .unique());
  }

  ContactListResponse create(String clientId, ContactListRequest request) {
    String listId = new ObjectId().toHexString();
    List<Contact> accepted = new ArrayList<>();
    List<RejectedRow> rejected = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long duplicates = 0;
    long row = 0;
    for (ContactInput input : request.contacts()) {
      row++;
      try {
        String phone = PhoneNumber.parse(input.phone(), null).e164();
        String timezone = input.timezone() == null ? null : ZoneId.of(input.timezone()).getId();
        if (!seen.add(phone)) {
          duplicates++;
          continue;
        }
        Map<String, String> variables = input.variables() == null ? Map.of() : input.variables();
        accepted.add(
            new Contact(
                new ObjectId().toHexString(), listId, phone, input.name(), timezone, variables));
      } catch (InvalidPhoneNumberException e) {
        rejected.add(new RejectedRow(row, input.phone(), e.getMessage()));
      } catch (DateTimeException e) {
        rejected.add(new RejectedRow(row, input.phone(), "unknown time zone: " + input.timezone()));
      }
    }
    mongo.insertAll(accepted);
    var list = new ContactList(listId, clientId, request.name(), accepted.size(), clock.instant());
    mongo.insert(list);
    return new ContactListResponse(
        listId,
        list.name(),
        accepted.size(),
        rejected.size(),
        duplicates,
        rejected,
        list.createdAt());
  }

  Optional<ContactList> find(String clientId, String listId) {
    return Optional.ofNullable(mongo.findById(listId, ContactList.class))
        .filter(list -> list.clientId().equals(clientId));
  }
}
