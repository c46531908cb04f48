package com.voicecampaigns.store.pacing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The rate demands of running campaigns (collection {@code pacingDemands}), one document per
 * campaign, written by the worker that dials it and read by every worker, so that each computes the
 * same split of the account's rate.
 */
public class RateDemands {

  public static final String COLLECTION = "pacingDemands";
  public static final String ACCOUNT = "account";
  public static final String EXPIRES_AT = "expiresAt";
  static final String WORKER_ID = "workerId";
  static final String WEIGHT = "weight";
  static final String CALLS_PER_SECOND = "callsPerSecond";

  private final MongoOperations mongo;

  public RateDemands(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** Writes these demands (each replaces its campaign's), in one round trip. */
  public void publish(Collection<RateDemand> demands) {
    if (demands.isEmpty()) {
      return;
    }
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    for (RateDemand demand : demands) {
      bulk.upsert(
          new Query(where("_id").is(demand.campaignId())),
          new Update()
              .set(ACCOUNT, demand.account())
              .set(WORKER_ID, demand.workerId())
              .set(WEIGHT, demand.weight())
              .set(CALLS_PER_SECOND, demand.callsPerSecond())
              .set(EXPIRES_AT, demand.expiresAt()));
    }
    bulk.execute();
  }

  /** Removes the campaign's demand if {@code workerId} wrote it (another worker's stays). */
  public void withdraw(String campaignId, String workerId) {
    mongo.remove(new Query(where("_id").is(campaignId).and(WORKER_ID).is(workerId)), COLLECTION);
  }

  /** The account's demands that have not expired at {@code now}. */
  public List<RateDemand> live(String account, Instant now) {
    Query live = new Query(where(ACCOUNT).is(account).and(EXPIRES_AT).gt(now));
    List<RateDemand> found = new ArrayList<>();
    for (Document doc : mongo.find(live, Document.class, COLLECTION)) {
      found.add(
          new RateDemand(
              String.valueOf(doc.get("_id")),
              doc.getString(ACCOUNT),
              doc.getString(WORKER_ID),
              ((Number) doc.get(WEIGHT)).doubleValue(),
              ((Number) doc.get(CALLS_PER_SECOND)).doubleValue(),
              doc.getDate(EXPIRES_AT).toInstant()));
    }
    return found;
  }

  /** Removes the demands that expired before {@code before} (their workers died). */
  public long purgeExpired(Instant before) {
    return mongo.remove(new Query(where(EXPIRES_AT).lt(before)), COLLECTION).getDeletedCount();
  }
}
