package com.voicecampaigns.api.web;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Recognises a MongoDB that did not answer within the driver's timeouts ({@code
 * MONGODB_*_TIMEOUT}), whether the error comes through Spring Data's translation or straight from
 * the driver. The exception handlers answer it with 503 and {@code Retry-After}: nothing is wrong
 * with the request, and the driver reconnects by itself once MongoDB answers again.
 */
public final class DatabaseUnavailable {

  /** Seconds a client should wait before it retries. */
  public static final String RETRY_AFTER_SECONDS = "5";

  public static final String DETAIL = "the database did not answer in time; retry later";

  private DatabaseUnavailable() {}

  public static boolean causedBy(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof MongoTimeoutException
          || t instanceof MongoSocketException
          || t instanceof MongoExecutionTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
