package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.IdempotencyClaim;
import com.voicecampaigns.store.campaign.IdempotencyClaims;
import com.voicecampaigns.store.campaign.NewCampaign;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the requests that share an idempotency key create one campaign. The campaign itself carries
 * the claim ({@link IdempotencyClaim}: tenant and key) under a unique index, so its insert is the
 * claim: of two requests with one key exactly one inserts, however long either takes, and the other
 * answers the campaign the first created. The same key with another request answers 409 (the
 * request hashes differ). A key past its retention is retired from its campaign (the claim removed)
 * when it is used again, and then creates a new campaign.
 */
@Component
class IdempotencyKeys {

  private static final int MAX_KEY_LENGTH = 255;
  private static final int MAX_ROUNDS = 3;

  private final IdempotencyClaims claims;
  private final JsonMapper json;
  private final Duration keyRetention;
  private final Clock clock;

  IdempotencyKeys(
      IdempotencyClaims claims, JsonMapper json, ApiProperties properties, Clock clock) {
    this.claims = claims;
    this.json = json;
    this.keyRetention = properties.campaigns().idempotencyKeyRetention();
    this.clock = clock;
  }

  /**
   * The claim a request is recognised by, and how long it is remembered.
   *
   * @param claim its text is tenant and key, unambiguous for any tenant name: {@code <tenant
   *     length>:<tenant>:} then the client's key, or {@code request:} and the hash of request and
   *     {@code scheduledBy}
   */
  record Key(IdempotencyClaim claim, Duration retention) {}

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
      return Optional.of(
          new Key(new IdempotencyClaim(claim(tenant, key), sha256(requestJson)), keyRetention));
    }
    if (deduplication instanceof Deduplication.SameRequestWithin within) {
      String key = "request:" + sha256(requestJson + "\n" + scheduledBy);
      return Optional.of(
          new Key(new IdempotencyClaim(claim(tenant, key), sha256(requestJson)), within.window()));
    }
    return Optional.empty();
  }

  /**
   * Inserts {@code campaign} with {@code key}'s claim. The campaign as stored when it was inserted
   * ({@code replayed} false); otherwise the campaign an earlier request with the key created.
   */
  CampaignService.Created insertOrReplay(NewCampaign campaign, Key key) {
    String claim = key.claim().claim();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Optional<CampaignDocument> earlier = claims.holder(claim);
      if (earlier.isPresent() && isPastRetention(earlier.get(), key.retention())) {
        claims.retire(earlier.get().id(), claim);
      } else if (earlier.isPresent()) {
        return new CampaignService.Created(replay(earlier.get(), key), true);
      }
      Optional<CampaignDocument> inserted = claims.create(campaign.claiming(key.claim()));
      if (inserted.isPresent()) {
        return new CampaignService.Created(inserted.get(), false);
      }
      // another request with this key inserted first: the next round answers its campaign
    }
    throw ApiProblem.conflict(
        ProblemTypes.CONFLICT,
        "concurrent requests with this idempotency key keep colliding; retry later",
        Map.of());
  }

  private CampaignDocument replay(CampaignDocument earlier, Key key) {
    if (!key.claim().requestHash().equals(earlier.requestHash())) {
      throw ApiProblem.conflict(
          ProblemTypes.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used with a different request",
          Map.of("campaignId", earlier.id()));
    }
    return earlier;
  }

  private boolean isPastRetention(CampaignDocument campaign, Duration retention) {
    return !clock.instant().isBefore(campaign.createdAt().plus(retention));
  }

  private static String claim(String tenant, String key) {
    return tenant.length() + ":" + tenant + ":" + key;
  }

  /** SHA-256, hex: of the request as JSON, so whitespace and member order do not matter. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
