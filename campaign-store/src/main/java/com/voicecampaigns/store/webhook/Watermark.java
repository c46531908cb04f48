package com.voicecampaigns.store.webhook;

import java.time.Instant;

/**
 * How far a sweep has read one stream of changes: every document whose time is before {@code at},
 * or at {@code at} with an id up to {@code afterId} ({@code null}: all of {@code at}), was seen.
 */
public record Watermark(Instant at, String afterId) {

  public static Watermark before(Instant at) {
    return new Watermark(at, null);
  }
}
