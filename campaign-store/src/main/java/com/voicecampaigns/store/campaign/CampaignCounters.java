package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.call.CallAttemptReads;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
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

  /**
   * How long a difference between the counters and a recount must stand, with no counter write in
   * between, before it is mended. An attempt's change is two writes, the attempt's and then its
   * campaign's {@code $inc}, one round trip apart: a recount between them sees a change the
   * counters have not yet, and mending then would count it twice once the {@code $inc} lands. A
   * live writer lands it well within this; a dead one never does, which is what a mend is for.
   */
  public static final Duration SETTLE = Duration.ofSeconds(2);

  private final MongoOperations mongo;
  private final CallAttemptReads calls;
  private final Settle settle;

  public CampaignCounters(MongoOperations mongo, CallAttemptReads calls) {
    this(mongo, calls, CampaignCounters::sleepSettle);
  }

  /** With another wait for in-flight changes (tests). */
  CampaignCounters(MongoOperations mongo, CallAttemptReads calls, Settle settle) {
    this.mongo = mongo;
    this.calls = calls;
    this.settle = settle;
  }

  /** The wait for in-flight changes to land: false when interrupted. */
  interface Settle {
    boolean await();
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
   * lost). A difference is mended only once it has stood for {@link #SETTLE} with no counter write
   * in between ({@link CampaignFields#COUNTER_WRITES}, moved by every {@code $inc}), so that a
   * change whose {@code $inc} was still on its way is not counted twice; the mend is fenced by the
   * same count, and counts itself in {@link CampaignFields#COUNTERS_MENDED}. Empty when it never
   * got a quiet moment (at most {@value #MAX_RECOUNTS} looks), was interrupted, or the campaign is
   * gone.
   */
  public Optional<Repair> repair(String campaignId) {
    Object seenWrites = null;
    boolean seen = false;
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
      if (!seen || !Objects.equals(writes, seenWrites)) {
        // the first sight of a difference, or the counters moved since: let in-flight changes land
        seen = true;
        seenWrites = writes;
        if (!settle.await()) {
          return Optional.empty();
        }
        continue;
      }
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
      seen = false;
    }
    return Optional.empty();
  }

  private static boolean sleepSettle() {
    try {
      Thread.sleep(SETTLE.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
