package com.voicecampaigns.worker.plivo;

import java.time.Duration;
import java.util.Objects;

/**
 * What one Make-Call request came to, sorted by the only question that matters for "at most once":
 * may a phone be ringing now? The dialler switches on this type alone; {@link PlivoCalls} decides
 * which answer is which.
 *
 * <ul>
 *   <li>{@link Placed}: Plivo accepted the request.
 *   <li>{@link NotPlaced}: certainly no call (429, 503, a connection refused or lost before any
 *       byte of the request was sent): the same attempt may be sent again, not before {@code
 *       retryAfter}.
 *   <li>{@link Ambiguous}: a call may exist (a timeout, a connection broken after the request was
 *       written, 500, 502, 504 or any other 5xx, an answer that cannot be read): the attempt
 *       becomes {@code unknown} at once and is never sent again automatically; a late callback
 *       reconciles it.
 *   <li>{@link Refused}: Plivo refused the request for good (4xx): about the number (400, 422: the
 *       attempt fails) or about the account (401, 402, 403, 404…: the campaign fails).
 *   <li>{@link Withheld}: the caller's {@link LastCheck} stopped the request before any byte of it
 *       was written: nothing reached Plivo.
 * </ul>
 */
public sealed interface MakeCallOutcome {

  /**
   * A short, stable name for metrics and logs: {@code placed}, {@code plivo-429}, {@code
   * plivo-503}, {@code connect}, {@code timeout}, {@code broken}, {@code plivo-5xx}, {@code
   * unreadable}, {@code plivo-4xx}, {@code auth}, {@code withheld}.
   */
  String reason();

  /** What happened, in words, for logs and the attempt's {@code error}. */
  String detail();

  /** Plivo accepted the request and placed the call. */
  record Placed(String requestUuid) implements MakeCallOutcome {
    public Placed {
      Objects.requireNonNull(requestUuid, "requestUuid");
    }

    @Override
    public String reason() {
      return "placed";
    }

    @Override
    public String detail() {
      return "placed: request " + requestUuid;
    }
  }

  /**
   * Certainly no call was placed: the same attempt may be sent again.
   *
   * @param retryAfter how long Plivo asked to wait ({@code Retry-After}); {@link Duration#ZERO}
   *     when it named no time
   */
  record NotPlaced(String reason, Duration retryAfter, String detail) implements MakeCallOutcome {
    public NotPlaced {
      Objects.requireNonNull(reason, "reason");
      retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }
  }

  /**
   * The request may have placed a call: the attempt is {@code unknown} and never sent again
   * automatically.
   */
  record Ambiguous(String reason, String detail) implements MakeCallOutcome {
    public Ambiguous {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Plivo refused the request for good: no call was placed and sending it again cannot help.
   *
   * @param status Plivo's HTTP status
   */
  record Refused(String reason, int status, String detail) implements MakeCallOutcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }

    /** Plivo's answers about the request itself, e.g. an invalid destination number. */
    static boolean aboutTheNumber(int status) {
      return status == 400 || status == 422;
    }

    /**
     * Whether Plivo refused the account rather than this number (credentials, credit, permissions,
     * a wrong API URL: anything but 400 and 422): the campaign fails.
     */
    public boolean accountLevel() {
      return !aboutTheNumber(status);
    }

    /** Why the campaign fails when Plivo refused the account. */
    public String accountFailure() {
      return switch (status) {
        case 401 -> "Plivo refused the account's credentials (HTTP 401)";
        case 403 -> "Plivo refused the account (HTTP 403): " + detail;
        default -> "Plivo refused the account's calls: " + detail;
      };
    }
  }

  /** The caller's {@link LastCheck} withheld the request: nothing of it was sent. */
  record Withheld() implements MakeCallOutcome {
    @Override
    public String reason() {
      return "withheld";
    }

    @Override
    public String detail() {
      return "withheld by the last check before sending";
    }
  }
}
