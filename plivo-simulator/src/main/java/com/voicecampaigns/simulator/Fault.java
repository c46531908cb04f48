package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a Make-Call request gets instead of normal processing, for the next {@code count} requests
 * (queued with {@link PlivoSimulator#failNext(Fault)}) or for a share of them ({@link
 * FaultShares}).
 *
 * <p>By {@link Kind}:
 *
 * <ul>
 *   <li>{@code STATUS} with a 2xx status: waits {@code delay}, then processes the request normally
 *       (the call is placed after the wait, even if the client gave up).
 *   <li>{@code STATUS} otherwise: answers {@code status} after {@code delay} with {@code body} (a
 *       Plivo error JSON when null); the call is placed first when {@code placesCall} ("504 after
 *       placing": the call exists and its callbacks are sent).
 *   <li>{@code TIMEOUT}: holds the response for {@code delay} (zero: the configured fault hold),
 *       past the client's read timeout, then closes the connection without an answer.
 *   <li>{@code CLOSE}: reads the request and closes the connection at once, without an answer.
 *   <li>{@code GARBAGE}: answers 200 with a body no JSON parser can read.
 * </ul>
 *
 * Wire names, as in {@code --faults} and the admin API: {@code 500}, {@code 504-after-placing},
 * {@code timeout}, {@code timeout-after-placing}, {@code close}, {@code close-after-placing},
 * {@code garbage}, {@code garbage-after-placing}.
 *
 * @param kind what the client sees
 * @param status the HTTP status answered ({@code STATUS}), 200 for {@code GARBAGE}, else -1
 * @param placesCall whether the call is placed although the answer says otherwise
 * @param count how many consecutive Make-Call requests this applies to (at least 1)
 * @param body the response body of a {@code STATUS} fault, or null for a Plivo error JSON
 * @param delay how long to wait before answering ({@code TIMEOUT}: how long to hold)
 */
public record Fault(
    Kind kind, int status, boolean placesCall, int count, String body, Duration delay) {

  /** What the client sees. */
  public enum Kind {
    STATUS,
    TIMEOUT,
    CLOSE,
    GARBAGE
  }

  private static final String AFTER_PLACING = "-after-placing";

  public Fault {
    Objects.requireNonNull(kind, "kind");
    status =
        switch (kind) {
          case STATUS -> status;
          case GARBAGE -> 200;
          case TIMEOUT, CLOSE -> -1;
        };
    if (kind == Kind.STATUS && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be an HTTP status, got " + status);
    }
    if (kind == Kind.STATUS && placesCall && status < 400) {
      throw new IllegalArgumentException("only an error status can come after placing the call");
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    delay = Objects.requireNonNullElse(delay, Duration.ZERO);
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
  }

  /** A {@code STATUS} fault that places no call (the original form of this record). */
  public Fault(int status, int count, String body, Duration delay) {
    this(Kind.STATUS, status, false, count, body, delay);
  }

  /** {@code count} requests answered {@code status} with a Plivo-style error body, no delay. */
  public static Fault of(int status, int count) {
    return new Fault(status, count, null, Duration.ZERO);
  }

  /** {@code count} requests wait {@code delay} and are then processed normally (201). */
  public static Fault delayOnly(Duration delay, int count) {
    return new Fault(201, count, null, delay);
  }

  /** The call is placed and its callbacks are sent, but the answer is {@code status}. */
  public static Fault afterPlacing(int status, int count) {
    return new Fault(Kind.STATUS, status, true, count, null, Duration.ZERO);
  }

  /**
   * Parses a wire name ({@code 504-after-placing}, {@code timeout}…) into a fault for 1 request.
   */
  public static Fault parse(String name) {
    String text = name.trim().toLowerCase(Locale.ROOT);
    boolean placed = text.endsWith(AFTER_PLACING);
    String what = placed ? text.substring(0, text.length() - AFTER_PLACING.length()) : text;
    Kind kind =
        switch (what) {
          case "timeout" -> Kind.TIMEOUT;
          case "close" -> Kind.CLOSE;
          case "garbage" -> Kind.GARBAGE;
          default -> Kind.STATUS;
        };
    int status = -1;
    if (kind == Kind.STATUS) {
      try {
        status = Integer.parseInt(what);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "unknown fault '"
                + name.trim()
                + "' (expected a status such as 500, timeout, close or garbage, each optionally"
                + " with -after-placing)");
      }
    }
    return new Fault(kind, status, placed, 1, null, Duration.ZERO);
  }

  /** The wire name: {@code 504-after-placing}, {@code timeout}, {@code 500}… */
  public String name() {
    String what =
        kind == Kind.STATUS ? Integer.toString(status) : kind.name().toLowerCase(Locale.ROOT);
    return placesCall ? what + AFTER_PLACING : what;
  }

  public Fault withCount(int count) {
    return new Fault(kind, status, placesCall, count, body, delay);
  }

  public Fault withBody(String body) {
    return new Fault(kind, status, placesCall, count, body, delay);
  }

  public Fault withDelay(Duration delay) {
    return new Fault(kind, status, placesCall, count, body, delay);
  }

  /** True when the request is processed normally after the delay. */
  public boolean passesThrough() {
    return kind == Kind.STATUS && status >= 200 && status < 300;
  }

  /** The error text Plivo-style bodies carry for this status. */
  String errorText() {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "authentication failed";
      case 404 -> "not found";
      case 429 -> "too many requests";
      case 500 -> "internal error";
      case 502 -> "bad gateway";
      case 503 -> "service unavailable";
      case 504 -> "gateway timeout";
      default -> "error";
    };
  }
}
