package com.voicecampaigns.worker.pacing;

import com.voicecampaigns.store.pacing.PacingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One of the account's limits as a pool of {@code size} permits in MongoDB ({@link PacingStore}): a
 * request takes one before it is sent, and a permit taken at {@code t} is busy until {@code t +
 * hold} unless its holder gives it back sooner. All times are MongoDB's clock ({@link
 * ServerClock}).
 */
public final class PermitPool {

  private final PacingStore pacing;
  private final String key;
  private final int size;
  private final Duration hold;

  PermitPool(PacingStore pacing, String key, int size, Duration hold) {
    this.pacing = pacing;
    this.key = key;
    this.size = size;
    this.hold = hold;
    pacing.createPermits(key, size);
  }

  String key() {
    return key;
  }

  int size() {
    return size;
  }

  /** Takes a permit free at {@code now} for {@code holder}; empty when all are busy. */
  Optional<Held> take(String holder, Instant now) {
    return pacing.take(key, size, holder, now, now.plus(hold)).map(id -> new Held(id, holder, now));
  }

  /**
   * Keeps the permit busy for a whole {@code hold} from {@code now}, as if it were taken now; false
   * when its holder lost it.
   */
  boolean renew(Held permit, Instant now) {
    return pacing.renew(permit.id(), permit.holder(), now.plus(hold));
  }

  /** Gives the permit back, free again at {@code freeAt}; false when its holder lost it. */
  boolean giveBack(Held permit, Instant freeAt) {
    return pacing.giveBack(permit.id(), permit.holder(), freeAt);
  }

  /** When the first busy permit becomes free ({@code now} when one is free). */
  Instant nextFree(Instant now) {
    Instant first = pacing.nextPermitFree(key, size).orElse(now);
    return first.isBefore(now) ? now : first;
  }

  /** Whether a permit is free at {@code now}. */
  boolean anyFree(Instant now) {
    return pacing.countFree(key, size, now) > 0;
  }

  /** A taken permit, as its holder knows it. */
  public record Held(String id, String holder, Instant takenAt) {}
}
