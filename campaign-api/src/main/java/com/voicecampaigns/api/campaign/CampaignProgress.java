package com.voicecampaigns.api.campaign;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.model.call.CallFields;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * How far a campaign got: its contacts counted by the state of their latest call attempt, read from
 * the workers' call documents. The aggregation walks the campaign's calls, so it runs for the
 * single-campaign view only, not for lists of campaigns.
 */
@Component
class CampaignProgress {

  private final MongoTemplate mongo;
  private final ContactListLookup lists;

  CampaignProgress(MongoTemplate mongo, ContactListLookup lists) {
    this.mongo = mongo;
    this.lists = lists;
  }

  /**
   * @param totalContacts contacts in the campaign's list
   * @param notCalled contacts without any call attempt yet
   * @param byStatus contacts by the call status of their latest attempt ({@code completed}, {@code
   *     busy}, {@code no-answer}, …)
   * @param attempts call attempts so far, retries included
   */
  record Progress(long totalContacts, long notCalled, Map<String, Long> byStatus, long attempts) {}

  Progress of(Campaign campaign) {
    long total = lists.find(campaign.listId()).map(l -> l.contactCount()).orElse(0L);
    var latestByContact =
        newAggregation(
            match(where(CallFields.CAMPAIGN_ID).is(campaign.id())),
            sort(
                Sort.by(Sort.Direction.ASC, CallFields.CONTACT_ID)
                    .and(Sort.by(Sort.Direction.DESC, CallFields.ATTEMPT))),
            group(CallFields.CONTACT_ID).first(CallFields.STATUS).as(CallFields.STATUS),
            group(CallFields.STATUS).count().as("contacts"));
    Map<String, Long> byStatus = new TreeMap<>();
    long called = 0;
    for (Document row :
        mongo
            .aggregate(latestByContact, CallFields.COLLECTION, Document.class)
            .getMappedResults()) {
      long contacts = ((Number) row.get("contacts")).longValue();
      byStatus.put(String.valueOf(row.get("_id")), contacts);
      called += contacts;
    }
    long attempts =
        mongo.count(
            Query.query(where(CallFields.CAMPAIGN_ID).is(campaign.id())), CallFields.COLLECTION);
    return new Progress(total, Math.max(0, total - called), byStatus, attempts);
  }
}
