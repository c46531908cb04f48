package com.voicecampaigns.api.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Errors that the servlet container raises on the client's behalf while it reads the request: a
 * query string or form body with an invalid parameter ({@code =value}, a bad %-escape), a multipart
 * body that does not parse. They are the client's (400), not the server's.
 */
public final class MalformedRequest {

  private MalformedRequest() {}

  /** A detail for the client if {@code error} is such an error, else null. */
  public static String describe(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof InvalidParameterException) {
        return "the query string or form body has a parameter that cannot be read";
      }
      if (t instanceof MultipartException && !(t instanceof MaxUploadSizeExceededException)) {
        return "the multipart body cannot be read (a boundary in its Content-Type, parts framed by it)";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
