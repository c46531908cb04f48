package com.voicecampaigns.store;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Recognises a MongoDB that did not answer within the driver's timeouts ({@link MongoTimeouts}),
 * whether the error comes through Spring Data's translation or straight from the driver (a cursor
 * read outside the template), so that a service can tell an outage from a bug without knowing the
 * driver: nothing is wrong with the request, and the driver reconnects by itself once MongoDB
 * answers again.
 */
public final class StoreUnavailable {

  private StoreUnavailable() {}

  /** Whether {@code error}, or any of its causes, says that MongoDB did not answer in time. */
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
