package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What the next {@code count} Make-Call requests get instead of normal processing.
 *
 * <p>A non-2xx {@code status} answers that status with {@code body} (a Plivo-style {@code
 * {"api_id":…,"error":…}} when {@code body} is null) and places no call. A 2xx {@code status} only
 * waits {@code delay} and then processes the request normally: the call is placed even if the
 * client gave up waiting, which is how a timed-out request with an unknown outcome looks.
 *
 * @param status the HTTP status to answer
 * @param count how many consecutive Make-Call requests this applies to (at least 1)
 * @param body the response body, or null for a Plivo-style error JSON
 * @param delay how long to wait before answering (zero for none)
 */
public record Fault(int status, int count, String body, Duration delay) {

  public Fault {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status, got " + status);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    delay = Objects.requireNonNullElse(delay, Duration.ZERO);
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
  }

  /** {@code count} requests answered {@code status} with a Plivo-style error body, no delay. */
  public static Fault of(int status, int count) {
    return new Fault(status, count, null, Duration.ZERO);
  }

  /** {@code count} requests wait {@code delay} and are then processed normally (201). */
  public static Fault delayOnly(Duration delay, int count) {
    return new Fault(201, count, null, delay);
  }

  public Fault withBody(String body) {
    return new Fault(status, count, body, delay);
  }

  public Fault withDelay(Duration delay) {
    return new Fault(status, count, body, delay);
  }

  /** True when the request is processed normally after the delay. */
  public boolean passesThrough() {
    return status >= 200 && status < 300;
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
