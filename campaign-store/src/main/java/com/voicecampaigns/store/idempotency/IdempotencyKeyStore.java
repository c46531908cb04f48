package com.voicecampaigns.store.idempotency;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * {@code Idempotency-Key} claims of the API: one document per tenant and key, {@code _id:
 * {clientId, key}}, holding the request's hash and the id of the campaign it creates. The unique
 * {@code _id} makes the claim race-safe: of two concurrent requests with one key exactly one
 * inserts it. A TTL index forgets keys after the API's retention (see {@code StoreIndexes}).
 */
public class IdempotencyKeyStore {

  public static final String COLLECTION = "idempotencyKeys";
  static final String ID = "_id";
  static final String REQUEST_HASH = "requestHash";
  static final String CAMPAIGN_ID = "campaignId";
  public static final String CREATED_AT = "createdAt";

  private final MongoOperations mongo;

  public IdempotencyKeyStore(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** A claimed key. */
  public record Claim(String requestHash, String campaignId, Instant createdAt) {}

  /**
   * Claims {@code key} of {@code tenant} for campaign {@code campaignId}; empty when this call
   * claimed it, else the earlier claim.
   */
  public Optional<Claim> claim(
      String tenant, String key, String requestHash, String campaignId, Instant now) {
    var claim =
        new Document(ID, id(tenant, key))
            .append(REQUEST_HASH, requestHash)
            .append(CAMPAIGN_ID, campaignId)
            .append(CREATED_AT, Date.from(now));
    try {
      mongo.insert(claim, COLLECTION);
      return Optional.empty();
    } catch (DuplicateKeyException used) {
      Document existing = mongo.findById(id(tenant, key), Document.class, COLLECTION);
      if (existing == null) {
        return claim(tenant, key, requestHash, campaignId, now); // expired in between
      }
      return Optional.of(
          new Claim(
              existing.getString(REQUEST_HASH),
              existing.getString(CAMPAIGN_ID),
              existing.getDate(CREATED_AT).toInstant()));
    }
  }

  /** Moves a claim made for {@code staleCampaignId} (never created) to {@code campaignId}. */
  public boolean takeOver(
      String tenant, String key, String staleCampaignId, String campaignId, Instant now) {
    return mongo
            .updateFirst(
                new Query(where(ID).is(id(tenant, key)).and(CAMPAIGN_ID).is(staleCampaignId)),
                new Update().set(CAMPAIGN_ID, campaignId).set(CREATED_AT, Date.from(now)),
                COLLECTION)
            .getModifiedCount()
        == 1;
  }

  /** Forgets the claim of {@code key} for {@code campaignId}, so a retry can succeed. */
  public void release(String tenant, String key, String campaignId) {
    mongo.remove(
        new Query(where(ID).is(id(tenant, key)).and(CAMPAIGN_ID).is(campaignId)), COLLECTION);
  }

  private static Document id(String tenant, String key) {
    return new Document("clientId", tenant).append("key", key);
  }
}
