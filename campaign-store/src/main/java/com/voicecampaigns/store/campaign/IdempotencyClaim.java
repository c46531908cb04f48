package com.voicecampaigns.store.campaign;

import java.util.Objects;

/**
 * What makes a campaign's insert the claim of an idempotency key: the campaign carries {@code
 * claim} under a unique sparse index ({@code StoreIndexes}), so of two inserts with one claim
 * exactly one succeeds, however long either takes. The caller chooses the claim's text (tenant and
 * key, unambiguous); the store only keeps it unique.
 *
 * @param claim the unique text, stored as {@code idempotencyClaim}
 * @param requestHash the hash of the request that made it, stored as {@code requestHash}, so that
 *     the same key with another request can be told apart
 */
public record IdempotencyClaim(String claim, String requestHash) {

  public IdempotencyClaim {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(requestHash, "requestHash");
  }
}
