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
 * campaign): tests prove the counters equal it, and {@link #repair} writes it when a campaign's
 * session ends, which mends a change the counters missed.
 */
public class CampaignCounters {

  /** Recounts in a row while attempts keep changing. */
  static final int MAX_RECOUNTS = 5;

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
    return Optional.ofNullable(campaign).map(CampaignCounters::counts);
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
   * Replaces the counters by a {@link #recount} where they differ from it, and marks them current:
   * for a campaign created before the counters, or one whose counters missed a change (a process
   * died between an attempt's write and its counters', or MongoDB applied a write whose answer was
   * lost). A mend also counts itself in {@link CampaignFields#COUNTERS_MENDED}. The write is fenced
   * by {@link CampaignFields#COUNTER_WRITES}: when an attempt's change moved the counters while the
   * recount ran, it counts again (at most {@value #MAX_RECOUNTS} times). Empty when it never got a
   * quiet moment, or the campaign is gone.
   */
  public Optional<Repair> repair(String campaignId) {
    for (int tries = 0; tries < MAX_RECOUNTS; tries++) {
      Query read = new Query(CampaignFilters.byId(campaignId));
      read.fields()
          .include(
              CampaignFields.STATS,
              CampaignFields.CONTACT_STATS,
              CampaignFields.COUNTERS,
              CampaignFields.COUNTER_WRITES);
      Document campaign = mongo.findOne(read, Document.class, CampaignFields.COLLECTION);
      if (campaign == null) {
        return Optional.empty();
      }
      ProgressCounts before = counts(campaign);
      ProgressCounts counts = recount(campaignId);
      if (counts.equals(before)) {
        return Optional.of(new Repair(before, counts));
      }
      Object writes = campaign.get(CampaignFields.COUNTER_WRITES);
      Query unchanged =
          new Query(CampaignFilters.byId(campaignId))
              .addCriteria(
                  writes == null
                      ? where(CampaignFields.COUNTER_WRITES).exists(false)
                      : where(CampaignFields.COUNTER_WRITES).is(writes));
      Update mend =
          new Update()
              .set(CampaignFields.STATS, new Document(counts.attempts()))
              .set(CampaignFields.CONTACT_STATS, new Document(counts.contacts()))
              .set(CampaignFields.COUNTERS, NewCampaign.COUNTERS_VERSION);
      if (before != null) {
        mend.inc(CampaignFields.COUNTERS_MENDED, 1);
      }
      if (mongo.updateFirst(unchanged, mend, CampaignFields.COLLECTION).getMatchedCount() == 1) {
        return Optional.of(new Repair(before, counts));
      }
    }
    return Optional.empty();
  }

  /**
   * What {@link #repair} found and left.
   *
   * @param before the counters as stored, {@code null} for a campaign that predates them
   * @param after the recount, stored now
   */
  public record Repair(ProgressCounts before, ProgressCounts after) {
    /** Whether the stored counters were off (or absent) and were replaced. */
    public boolean mended() {
      return !after.equals(before);
    }
  }

  private static ProgressCounts counts(Document campaign) {
    if (campaign.get(CampaignFields.COUNTERS) == null) {
      return null;
    }
    return new ProgressCounts(
        longs(campaign.get(CampaignFields.STATS, Document.class)),
        longs(campaign.get(CampaignFields.CONTACT_STATS, Document.class)));
  }

  private static Map<String, Long> longs(Document counts) {
    Map<String, Long> values = new TreeMap<>();
    if (counts != null) {
      counts.forEach((status, n) -> values.put(status, ((Number) n).longValue()));
    }
    return values;
  }
}
