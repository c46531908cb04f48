package com.voicecampaigns.api.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

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

  private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(3);
  private static final int MAX_KEY_LENGTH = 255;

  private final MongoTemplate mongo;
  private final JsonMapper json;
  private final Clock clock;

  IdempotencyKeys(MongoTemplate mongo, JsonMapper json, ApiProperties properties, Clock clock) {
    this.mongo = mongo;
    this.json = json;
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
   * Claims {@code key} for the campaign {@code campaignId} about to be created (empty: go ahead),
   * or answers the campaign an earlier identical request created. The same key with a different
   * request answers 409. While the earlier request is still inserting its campaign this waits
   * briefly; if that request died before inserting, the key is taken over.
   */
  Optional<Campaign> claimOrReplay(
      String tenant, String key, CreateCampaignRequest request, String campaignId) {
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiProblem.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    String hash = hash(request);
    Optional<Claim> earlier = claim(tenant, key, hash, campaignId);
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!earlier.get().requestHash().equals(hash)) {
      throw ApiProblem.conflict(
          ProblemTypes.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used with a different request",
          Map.of("campaignId", earlier.get().campaignId()));
    }
    long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
    while (true) {
      Campaign existing = mongo.findById(new ObjectId(earlier.get().campaignId()), Campaign.class);
      if (existing != null) {
        return Optional.of(existing);
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      pause();
    }
    if (takeOver(earlier.get(), campaignId)) {
      return Optional.empty();
    }
    throw ApiProblem.conflict(
        ProblemTypes.CONFLICT,
        "a request with this Idempotency-Key is still in progress; retry later",
        Map.of());
  }

  private static void pause() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a concurrent request", e);
    }
  }

  /** SHA-256 of the request as JSON: whitespace and member order do not matter. */
  private String hash(CreateCampaignRequest request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private Optional<Claim> claim(String tenant, String key, String requestHash, String campaignId) {
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
  private boolean takeOver(Claim stale, String campaignId) {
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
