package com.voicecampaigns.worker.plivo;

import java.time.Duration;

/**
 * What one Make-Call request came to, as the dialling pipeline needs to know it: whether a phone
 * may ring, and whether the same attempt may be sent again. The pipeline switches on this type
 * only; how an HTTP answer maps onto it is this package's business.
 */
public sealed interface MakeCallOutcome {

  /** Why, in words for the attempt's {@code error} and the log. */
  String reason();

  /** Plivo accepted the request and placed the call. */
  record Placed(String requestUuid) implements MakeCallOutcome {
    @Override
    public String reason() {
      return "placed";
    }
  }

  /**
   * Certainly no call was placed (429, 503, a connection refused before any byte was sent): the
   * same attempt may be sent again.
   *
   * @param retryAfter how long Plivo asked to wait ({@code Retry-After}), {@code null} when it did
   *     not say (the worker's own backoff applies)
   */
  record NotPlaced(String reason, Duration retryAfter) implements MakeCallOutcome {}

  /**
   * The request may have placed a call (a timeout, a connection broken after the request was
   * written, 500, 502, 504, an unreadable body): the attempt is {@code unknown}, never sent again
   * automatically, and a late callback reconciles it.
   */
  record Ambiguous(String reason) implements MakeCallOutcome {}

  /**
   * Plivo refused the request for good; no call was placed and sending it again cannot help.
   *
   * @param accountLevel whether Plivo refused the account rather than this number (401, 402, 403,
   *     404: credentials, credit, permissions, a wrong API URL): the campaign fails with {@code
   *     reason}; otherwise (an invalid number) only the attempt fails
   */
  record Refused(String reason, boolean accountLevel) implements MakeCallOutcome {}
}
