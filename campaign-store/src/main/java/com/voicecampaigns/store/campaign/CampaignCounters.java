package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.call.CallAttemptReads;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A campaign's progress counters: {@code stats.<status>} (attempts) and {@code
 * contactStats.<status>} (contacts by their latest attempt). The call-attempt transitions of {@code
 * CallAttemptStore} move them with {@code $inc}, so every caller keeps them without doing anything,
 * and a read of a campaign's progress costs one document whatever the number of its calls. {@link
 * #recount} counts the same from the call documents (an aggregation over every call of the
 * campaign): tests prove the counters equal it, and {@link #repair} writes it.
 */
public class CampaignCounters {

  private final MongoOperations mongo;
  private final CallAttemptReads calls;

  public CampaignCounters(MongoOperations mongo, CallAttemptReads calls) {
    this.mongo = mongo;
    this.calls = calls;
  }

  /** The campaign's counters as stored; empty when the campaign is gone or predates them. */
  public Optional<ProgressCounts> stored(String campaignId) {
    Query query = new Query(CampaignFilters.byId(campaignId));
    query
        .fields()
        .include(CampaignFields.STATS, CampaignFields.CONTACT_STATS, CampaignFields.COUNTERS);
    Document campaign = mongo.findOne(query, Document.class, CampaignFields.COLLECTION);
    if (campaign == null || campaign.get(CampaignFields.COUNTERS) == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ProgressCounts(
            longs(campaign.get(CampaignFields.STATS, Document.class)),
            longs(campaign.get(CampaignFields.CONTACT_STATS, Document.class))));
  }

  /**
   * The campaign's counts from its call documents: attempts grouped by status, and each contact's
   * latest attempt grouped by status. Walks every call of the campaign.
   */
  public ProgressCounts recount(String campaignId) {
    var byStatus =
        newAggregation(
            match(where(CallFields.CAMPAIGN_ID).is(campaignId)),
            group(CallFields.STATUS).count().as("n"));
    Map<String, Long> attempts = new TreeMap<>();
    for (Document row :
        mongo.aggregate(byStatus, CallFields.COLLECTION, Document.class).getMappedResults()) {
      attempts.put(String.valueOf(row.get("_id")), ((Number) row.get("n")).longValue());
    }
    return new ProgressCounts(attempts, calls.contactsByLatestStatus(campaignId));
  }

  /**
   * Replaces the counters by a {@link #recount} and marks them current: for a campaign created
   * before the counters, or one whose counters a process died in the middle of moving. Run it when
   * no attempt of the campaign changes (a finished campaign): a change between the recount and the
   * write is lost.
   */
  public ProgressCounts repair(String campaignId) {
    ProgressCounts counts = recount(campaignId);
    mongo.updateFirst(
        new Query(CampaignFilters.byId(campaignId)),
        new Update()
            .set(CampaignFields.STATS, new Document(counts.attempts()))
            .set(CampaignFields.CONTACT_STATS, new Document(counts.contacts()))
            .set(CampaignFields.COUNTERS, NewCampaign.COUNTERS_VERSION),
        CampaignFields.COLLECTION);
    return counts;
  }

  private static Map<String, Long> longs(Document counts) {
    Map<String, Long> values = new TreeMap<>();
    if (counts != null) {
      counts.forEach((status, n) -> values.put(status, ((Number) n).longValue()));
    }
    return values;
  }
}
