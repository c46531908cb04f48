package com.voicecampaigns.simulator;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How one callback request went.
 *
 * @param status the HTTP status, or -1 when no response came back
 * @param body the response body (the answer XML for answer callbacks), or null
 * @param error why delivery failed (a non-2xx status or an I/O error), or null
 */
record CallbackResult(int status, String body, String error) {

  boolean delivered() {
    return status >= 200 && status < 300;
  }

  static CallbackResult response(int status, String body) {
    boolean ok = status >= 200 && status < 300;
    return new CallbackResult(status, body, ok ? null : "HTTP " + status);
  }

  static CallbackResult failure(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null
        && (cause instanceof CompletionException || cause instanceof ExecutionException)) {
      cause = cause.getCause();
    }
    StringBuilder text = new StringBuilder(cause.getClass().getSimpleName());
    if (cause.getMessage() != null) {
      text.append(": ").append(cause.getMessage());
    } else if (cause.getCause() != null) {
      text.append(" (").append(cause.getCause().getClass().getSimpleName()).append(')');
    }
    return new CallbackResult(-1, null, text.toString());
  }
}
