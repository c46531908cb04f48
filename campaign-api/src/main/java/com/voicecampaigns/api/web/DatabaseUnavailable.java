package com.voicecampaigns.api.web;

import com.voicecampaigns.store.StoreUnavailable;

/**
 * Recognises a MongoDB that did not answer within the driver's timeouts ({@code MONGODB_*_TIMEOUT};
 * the store tells such an error apart, see {@link StoreUnavailable}). The exception handlers answer
 * it with 503 and {@code Retry-After}: nothing is wrong with the request, and the driver reconnects
 * by itself once MongoDB answers again.
 */
public final class DatabaseUnavailable {

  /** Seconds a client should wait before it retries. */
  public static final String RETRY_AFTER_SECONDS = "5";

  public static final String DETAIL = "the database did not answer in time; retry later";

  private DatabaseUnavailable() {}

  public static boolean causedBy(Throwable error) {
    return StoreUnavailable.causedBy(error);
  }
}
