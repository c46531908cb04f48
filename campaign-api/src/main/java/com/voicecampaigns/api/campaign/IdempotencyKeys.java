package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.idempotency.IdempotencyKeyStore;
import com.voicecampaigns.store.idempotency.IdempotencyKeyStore.Claim;
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
 * {@code Idempotency-Key}s of campaign creation: a key is claimed for the campaign about to be
 * created ({@link IdempotencyKeyStore}, race-safe by its unique id); a repeated identical request
 * answers that campaign, the same key with another request answers 409. The keys are forgotten
 * after {@code api.campaigns.idempotency-key-retention} (see {@code InfrastructureConfig}).
 */
@Component
class IdempotencyKeys {

  private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(3);
  private static final int MAX_KEY_LENGTH = 255;

  private final IdempotencyKeyStore store;
  private final CampaignReads campaigns;
  private final JsonMapper json;
  private final Clock clock;

  IdempotencyKeys(
      IdempotencyKeyStore store, CampaignReads campaigns, JsonMapper json, Clock clock) {
    this.store = store;
    this.campaigns = campaigns;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Claims {@code key} for the campaign {@code campaignId} about to be created (empty: go ahead),
   * or answers the campaign an earlier identical request created. The same key with a different
   * request answers 409. While the earlier request is still inserting its campaign this waits
   * briefly; if that request died before inserting, the key is taken over.
   */
  Optional<CampaignDocument> claimOrReplay(
      String tenant, String key, CreateCampaignRequest request, String campaignId) {
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiProblem.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    String hash = hash(request);
    Optional<Claim> earlier = store.claim(tenant, key, hash, campaignId, clock.instant());
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
      Optional<CampaignDocument> existing = campaigns.find(earlier.get().campaignId());
      if (existing.isPresent()) {
        return existing;
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      pause();
    }
    if (store.takeOver(tenant, key, earlier.get().campaignId(), campaignId, clock.instant())) {
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

  /** Forgets a claim whose campaign could not be created, so a retry can succeed. */
  void release(String tenant, String key, String campaignId) {
    store.release(tenant, key, campaignId);
  }
}
