package com.voicecampaigns.api.web;

import java.io.IOException;

/**
 * Thrown by a request body stream that read past its limit. An {@link IOException}, so it passes
 * through parsers unchanged; the exception handlers find it in the cause chain and answer 413.
 */
public class PayloadTooLargeException extends IOException {

  public PayloadTooLargeException(long limitBytes) {
    super("the request body is larger than " + limitBytes + " bytes");
  }

  /** The exception itself or the first cause of that type, if any. */
  public static PayloadTooLargeException findIn(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PayloadTooLargeException tooLarge) {
        return tooLarge;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
