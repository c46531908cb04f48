package com.voicecampaigns.api.campaign;

import java.time.Duration;

/**
 * How a create request is recognised as a repeat of an earlier one, which it then answers instead
 * of creating a second campaign.
 */
public sealed interface Deduplication {

  /** Every request creates a campaign. */
  Deduplication NONE = new None();

  /**
   * The client's {@code Idempotency-Key} (none when null), remembered for {@code
   * api.campaigns.idempotency-key-retention}; the same key with another request is refused.
   */
  static Deduplication byKey(String idempotencyKey) {
    return idempotencyKey == null ? NONE : new ByKey(idempotencyKey);
  }

  /**
   * The same request with the same {@code scheduledBy}, of the same tenant, within {@code window}
   * of the first: a double submit. Zero: none.
   */
  static Deduplication sameRequestWithin(Duration window) {
    return window.isZero() ? NONE : new SameRequestWithin(window);
  }

  record None() implements Deduplication {}

  record ByKey(String key) implements Deduplication {}

  record SameRequestWithin(Duration window) implements Deduplication {}
}
