package com.voicecampaigns.worker.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.worker.lease.CampaignState;
import com.voicecampaigns.worker.lease.Lease;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads campaigns and writes the fields the worker owns ({@code cursor}, {@code contactsExhausted},
 * {@code stats}), always as conditional updates of named fields.
 */
@Component
public class Campaigns {

  /** A list being deleted (campaign-api's {@code contactLists.status}). */
  private static final String LIST_STATUS = "status";

  private static final String LIST_DELETING = "deleting";

  private final MongoTemplate mongo;
  private final Clock clock;

  Campaigns(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * The campaign, parsed.
   *
   * @throws InvalidCampaignException when the document cannot be dialled
   */
  public Optional<Campaign> find(String campaignId) {
    return Optional.ofNullable(
            mongo.findById(Lease.objectId(campaignId), Document.class, CampaignFields.COLLECTION))
        .map(Campaign::from);
  }

  /** The status, dispatch and lease holder of each of {@code campaignIds} that still exists. */
  public Map<String, CampaignState> states(Collection<String> campaignIds) {
    Query query =
        new Query(where(CampaignFields.ID).in(campaignIds.stream().map(Lease::objectId).toList()));
    query
        .fields()
        .include(CampaignFields.STATUS, CampaignFields.DISPATCH_ID, CampaignFields.WORKER_ID);
    Map<String, CampaignState> states = new HashMap<>();
    for (Document doc : mongo.find(query, Document.class, CampaignFields.COLLECTION)) {
      states.put(Campaign.idOf(doc.get(CampaignFields.ID)), state(doc));
    }
    return states;
  }

  /** One campaign's state, read fresh; empty when the campaign is gone. */
  public Optional<CampaignState> state(String campaignId) {
    Query query = new Query(where(CampaignFields.ID).is(Lease.objectId(campaignId)));
    query
        .fields()
        .include(CampaignFields.STATUS, CampaignFields.DISPATCH_ID, CampaignFields.WORKER_ID);
    return Optional.ofNullable(mongo.findOne(query, Document.class, CampaignFields.COLLECTION))
        .map(Campaigns::state);
  }

  private static CampaignState state(Document doc) {
    return new CampaignState(
        CampaignStatus.fromWire(doc.getString(CampaignFields.STATUS)),
        doc.getString(CampaignFields.DISPATCH_ID),
        doc.getString(CampaignFields.WORKER_ID));
  }

  /** Remembers the last contact handed to the dialler, so that a successor resumes after it. */
  public boolean saveCursor(Lease lease, String contactId) {
    return mongo
            .updateFirst(
                lease.fence(),
                new Update()
                    .set(CampaignFields.CURSOR, new ObjectId(contactId))
                    .set(CampaignFields.UPDATED_AT, clock.instant()),
                CampaignFields.COLLECTION)
            .getMatchedCount()
        == 1;
  }

  /** Records that every contact of the list has had its first attempt created. */
  public boolean markContactsExhausted(Lease lease) {
    return mongo
            .updateFirst(
                lease.fence(),
                new Update()
                    .set(CampaignFields.CONTACTS_EXHAUSTED, true)
                    .set(CampaignFields.UPDATED_AT, clock.instant()),
                CampaignFields.COLLECTION)
            .getMatchedCount()
        == 1;
  }

  /**
   * Adjusts the per-status counters {@code stats.<status>} of a campaign by {@code delta} each;
   * called once per state change of an attempt (the change itself is the single winner of a
   * conditional update), whatever the campaign's status.
   */
  public void countTransition(String campaignId, CallStatus from, CallStatus to) {
    Update update = new Update().inc(CampaignFields.STATS + "." + to.wire(), 1);
    if (from != null && counted(from) && from != to) {
      update.inc(CampaignFields.STATS + "." + from.wire(), -1);
    }
    mongo.updateFirst(
        new Query(where(CampaignFields.ID).is(Lease.objectId(campaignId))),
        update,
        CampaignFields.COLLECTION);
  }

  /** Statuses counted in {@code stats}: the outcomes of attempts. */
  public static boolean counted(CallStatus status) {
    return status.isTerminal() || status == CallStatus.UNKNOWN;
  }

  /** Whether the campaign's contact list still exists and is not being deleted. */
  public boolean listAvailable(String listId) {
    if (listId == null) {
      return false;
    }
    Query query = new Query(where(ContactFields.ID).is(Lease.objectId(listId)));
    query.fields().include(LIST_STATUS);
    Document list = mongo.findOne(query, Document.class, ContactFields.LIST_COLLECTION);
    return list != null && !LIST_DELETING.equals(list.getString(LIST_STATUS));
  }

  /** Every status a stats counter may have, for recomputing them. */
  static List<CallStatus> countedStatuses() {
    return java.util.Arrays.stream(CallStatus.values()).filter(Campaigns::counted).toList();
  }
}
