package com.voicecampaigns.worker.plivo;

/** What one Make-Call request came to. */
public sealed interface MakeCallResult {

  /** The metric reason of a try that placed no call, or whose outcome is unknown. */
  String reason();

  /** Plivo accepted the request and placed the call. */
  record Placed(String requestUuid) implements MakeCallResult {
    @Override
    public String reason() {
      return "placed";
    }
  }

  /**
   * Plivo refused the request for good: no call was placed and trying again cannot help.
   *
   * @param accountLevel whether Plivo refused the account rather than this number (credentials,
   *     credit, permissions, a wrong API URL: anything but 400 and 422): the campaign fails
   */
  record Refused(int status, String message, boolean accountLevel) implements MakeCallResult {
    /** Plivo's answers about the request itself, e.g. an invalid destination number. */
    static boolean aboutTheNumber(int status) {
      return status == 400 || status == 422;
    }

    @Override
    public String reason() {
      return status == 401 || status == 403 ? "auth" : "plivo-4xx";
    }

    /** Why the campaign fails when Plivo refused the account. */
    public String accountFailure() {
      return switch (status) {
        case 401 -> "Plivo refused the account's credentials (HTTP 401)";
        case 403 -> "Plivo refused the account (HTTP 403): " + message;
        default -> "Plivo refused the account's calls: " + message;
      };
    }
  }

  /** No call was placed (429, 5xx, no connection); the same attempt may be tried again. */
  record Transient(String reason, String message) implements MakeCallResult {}

  /**
   * The request may or may not have placed a call (timed out, connection lost after sending): a
   * callback is the only evidence.
   */
  record Uncertain(String reason, String message) implements MakeCallResult {}
}
