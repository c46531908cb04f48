package com.voicecampaigns.worker.plivo;

import java.io.IOException;

/**
 * Plivo answered a call request with an error status. Raised from inside the HTTP client, before
 * plivo-java sees the response, so plivo-java never re-POSTs a call request to its fallback hosts
 * after a 5xx: whether to try again is this worker's decision, made with the attempt's state.
 */
public class PlivoApiException extends IOException {

  private final int status;
  private final String body;

  public PlivoApiException(int status, String body) {
    super("Plivo answered " + status + ": " + body);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public String body() {
    return body;
  }

  public boolean retryable() {
    return status == 429 || status >= 500;
  }
}
