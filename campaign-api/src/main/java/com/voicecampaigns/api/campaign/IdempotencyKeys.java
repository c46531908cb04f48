package com.voicecampaigns.api.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.ApiProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} claims: one document per tenant and key, {@code _id: {clientId, key}},
 * holding the request's hash and the id of the campaign it creates. The unique {@code _id} makes
 * the claim race-safe: of two concurrent requests with one key exactly one inserts it. A TTL index
 * forgets keys after the configured retention.
 */
@Component
class IdempotencyKeys {

  static final String COLLECTION = "idempotencyKeys";
  private static final String ID = "_id";
  private static final String REQUEST_HASH = "requestHash";
  private static final String CAMPAIGN_ID = "campaignId";
  private static final String CREATED_AT = "createdAt";

  private final MongoTemplate mongo;
  private final Clock clock;

  IdempotencyKeys(MongoTemplate mongo, ApiProperties properties, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    mongo
        .indexOps(COLLECTION)
        .createIndex(
            new Index()
                .on(CREATED_AT, Sort.Direction.ASC)
                .expire(
                    properties.campaigns().idempotencyKeyRetention().toSeconds(),
                    TimeUnit.SECONDS));
  }

  /**
   * Claims {@code key} for a new campaign {@code campaignId}; answers the existing claim instead
   * when the key was used before.
   */
  Optional<Claim> claim(String tenant, String key, String requestHash, String campaignId) {
    var claim =
        new Document(ID, id(tenant, key))
            .append(REQUEST_HASH, requestHash)
            .append(CAMPAIGN_ID, campaignId)
            .append(CREATED_AT, Date.from(clock.instant()));
    try {
      mongo.insert(claim, COLLECTION);
      return Optional.empty();
    } catch (DuplicateKeyException used) {
      Document existing = mongo.findById(id(tenant, key), Document.class, COLLECTION);
      if (existing == null) {
        return claim(tenant, key, requestHash, campaignId); // expired in between
      }
      return Optional.of(
          new Claim(
              tenant,
              key,
              existing.getString(REQUEST_HASH),
              existing.getString(CAMPAIGN_ID),
              existing.getDate(CREATED_AT).toInstant()));
    }
  }

  /** Moves a claim whose campaign was never created (its request died) to a new campaign. */
  boolean takeOver(Claim stale, String campaignId) {
    return mongo
            .updateFirst(
                Query.query(
                    where(ID)
                        .is(id(stale.tenant(), stale.key()))
                        .and(CAMPAIGN_ID)
                        .is(stale.campaignId())),
                new Update()
                    .set(CAMPAIGN_ID, campaignId)
                    .set(CREATED_AT, Date.from(clock.instant())),
                COLLECTION)
            .getModifiedCount()
        == 1;
  }

  /** Forgets a claim whose campaign could not be created, so a retry can succeed. */
  void release(String tenant, String key, String campaignId) {
    mongo.remove(
        Query.query(where(ID).is(id(tenant, key)).and(CAMPAIGN_ID).is(campaignId)), COLLECTION);
  }

  private static Document id(String tenant, String key) {
    return new Document("clientId", tenant).append("key", key);
  }

  record Claim(
      String tenant, String key, String requestHash, String campaignId, Instant createdAt) {}
}
