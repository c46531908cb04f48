package com.voicecampaigns.worker.plivo;

import java.io.IOException;

/**
 * Plivo answered a call request with a status other than 2xx. Raised from inside the HTTP client,
 * before plivo-java sees the response, so plivo-java never re-POSTs a call request to its fallback
 * hosts after a 5xx: whether to send it again is this worker's decision, made by {@link
 * MakeCallOutcome}'s rules.
 *
 * @param retryAfter the {@code Retry-After} header as sent, {@code null} when absent
 */
public class PlivoApiException extends IOException {

  private final int status;
  private final String body;
  private final String retryAfter;

  public PlivoApiException(int status, String body, String retryAfter) {
    super("Plivo answered " + status + ": " + body);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  public String body() {
    return body;
  }

  /** The {@code Retry-After} header as sent, {@code null} when absent. */
  public String retryAfter() {
    return retryAfter;
  }
}
