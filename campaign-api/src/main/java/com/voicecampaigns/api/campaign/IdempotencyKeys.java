package com.voicecampaigns.api.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.model.campaign.CampaignFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the requests that share an idempotency key create one campaign. The campaign itself carries
 * the claim ({@link CampaignFields#IDEMPOTENCY_CLAIM}: tenant and key) under a unique index, so its
 * insert is the claim: of two requests with one key exactly one inserts, however long either takes,
 * and the other answers the campaign the first created. The same key with another request answers
 * 409 ({@link CampaignFields#REQUEST_HASH} differs). A key past its retention is retired from its
 * campaign (the claim removed) when it is used again, and then creates a new campaign.
 */
@Component
class IdempotencyKeys {

  private static final int MAX_KEY_LENGTH = 255;
  private static final int MAX_ROUNDS = 3;

  private final MongoTemplate mongo;
  private final JsonMapper json;
  private final Duration keyRetention;
  private final Clock clock;

  IdempotencyKeys(MongoTemplate mongo, JsonMapper json, ApiProperties properties, Clock clock) {
    this.mongo = mongo;
    this.json = json;
    this.keyRetention = properties.campaigns().idempotencyKeyRetention();
    this.clock = clock;
  }

  /**
   * The claim a request is recognised by, how long it is remembered, and the request's hash.
   *
   * @param claim tenant and key, unambiguous for any tenant name: {@code <tenant length>:<tenant>:}
   *     then the client's key, or {@code request:} and the hash of request and {@code scheduledBy}
   */
  record Key(String claim, String requestHash, Duration retention) {}

  /** The key of a create request, or empty when {@code deduplication} asks for none. */
  Optional<Key> keyOf(
      String tenant,
      Deduplication deduplication,
      CreateCampaignRequest request,
      String scheduledBy) {
    String requestJson = json.writeValueAsString(request);
    if (deduplication instanceof Deduplication.ByKey byKey) {
      String key = byKey.key();
      if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
        throw ApiProblem.invalid(
            "Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
      }
      return Optional.of(new Key(claim(tenant, key), sha256(requestJson), keyRetention));
    }
    if (deduplication instanceof Deduplication.SameRequestWithin within) {
      String key = "request:" + sha256(requestJson + "\n" + scheduledBy);
      return Optional.of(new Key(claim(tenant, key), sha256(requestJson), within.window()));
    }
    return Optional.empty();
  }

  /**
   * Inserts {@code campaign}, which carries {@code key}'s claim and hash. Empty when it was
   * inserted; otherwise the campaign an earlier request with the key created.
   */
  Optional<Campaign> insertOrReplay(Campaign campaign, Key key) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Campaign earlier = holderOf(key.claim());
      if (earlier != null && isPastRetention(earlier, key.retention())) {
        retire(earlier, key.claim());
      } else if (earlier != null) {
        return Optional.of(replay(earlier, key));
      }
      try {
        mongo.insert(campaign);
        return Optional.empty();
      } catch (DuplicateKeyException claimedMeanwhile) {
        // another request with this key inserted first: the next round answers its campaign
      }
    }
    throw ApiProblem.conflict(
        ProblemTypes.CONFLICT,
        "concurrent requests with this idempotency key keep colliding; retry later",
        Map.of());
  }

  private Campaign replay(Campaign earlier, Key key) {
    if (!key.requestHash().equals(earlier.requestHash())) {
      throw ApiProblem.conflict(
          ProblemTypes.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used with a different request",
          Map.of("campaignId", earlier.id()));
    }
    return earlier;
  }

  private Campaign holderOf(String claim) {
    return mongo.findOne(
        Query.query(where(CampaignFields.IDEMPOTENCY_CLAIM).is(claim)), Campaign.class);
  }

  private boolean isPastRetention(Campaign campaign, Duration retention) {
    return !clock.instant().isBefore(campaign.createdAt().plus(retention));
  }

  /** Frees the claim for a new campaign; the old campaign keeps everything else. */
  private void retire(Campaign campaign, String claim) {
    mongo.updateFirst(
        Query.query(
            where(CampaignFields.ID)
                .is(new ObjectId(campaign.id()))
                .and(CampaignFields.IDEMPOTENCY_CLAIM)
                .is(claim)),
        new Update().unset(CampaignFields.IDEMPOTENCY_CLAIM),
        Campaign.class);
  }

  private static String claim(String tenant, String key) {
    return tenant.length() + ":" + tenant + ":" + key;
  }

  /** SHA-256, hex: of the request as JSON, so whitespace and member order do not matter. */
  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
