package com.voicecampaigns.model.call;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a campaign retries a contact whose call ended busy, unanswered, failed or on an answering
 * machine. {@code maxAttempts} counts the first call too. A retry is a new attempt that may not be
 * dialled before {@code backoff} has passed since the previous attempt ended.
 */
public record RetryPolicy(int maxAttempts, Set<CallStatus> retryOn, Duration backoff) {

  // declared before DEFAULT: the constructor of DEFAULT reads it during class initialisation
  public static final Set<CallStatus> RETRYABLE =
      EnumSet.of(CallStatus.BUSY, CallStatus.NO_ANSWER, CallStatus.FAILED, CallStatus.MACHINE);

  /** The longest backoff a request may ask for. */
  public static final Duration MAX_BACKOFF = Duration.ofDays(7);

  /** Busy and no-answer retried up to 2 more times, 10 minutes apart. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, EnumSet.of(CallStatus.BUSY, CallStatus.NO_ANSWER), Duration.ofMinutes(10));

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 10");
    }
    Objects.requireNonNull(backoff, "backoff");
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative");
    }
    retryOn =
        retryOn == null || retryOn.isEmpty()
            ? EnumSet.noneOf(CallStatus.class)
            : EnumSet.copyOf(retryOn);
    if (!RETRYABLE.containsAll(retryOn)) {
      throw new IllegalArgumentException(
          "retryOn may name only busy, no-answer, failed and machine");
    }
  }

  /**
   * When the next attempt may be dialled after attempt number {@code attempt} (1-based) ended with
   * {@code outcome}, or empty when the contact is done. A number Plivo reports as invalid is never
   * retried.
   */
  public Optional<Instant> nextAttemptAt(
      int attempt, CallStatus outcome, boolean invalidNumber, Instant endedAt) {
    if (invalidNumber || attempt >= maxAttempts || !retryOn.contains(outcome)) {
      return Optional.empty();
    }
    return Optional.of(endedAt.plus(backoff));
  }

  /** An outcome that may be retried, by its wire name: busy, no-answer, failed or machine. */
  public static CallStatus parseOutcome(String outcome) {
    try {
      CallStatus status = CallStatus.fromWire(String.valueOf(outcome).strip());
      if (RETRYABLE.contains(status)) {
        return status;
      }
    } catch (IllegalArgumentException notAStatus) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'" + outcome + "' is not one of busy, no-answer, failed, machine");
  }

  /**
   * A backoff as seconds ({@code 600}) or an ISO 8601 duration ({@code PT10M}), between 0 and
   * {@link #MAX_BACKOFF}; blank: the default's.
   */
  public static Duration parseBackoff(String backoff) {
    if (backoff == null || backoff.isBlank()) {
      return DEFAULT.backoff();
    }
    String text = backoff.strip();
    Duration parsed;
    try {
      parsed =
          text.matches("\\d{1,9}")
              ? Duration.ofSeconds(Long.parseLong(text))
              : Duration.parse(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "must be seconds (600) or an ISO 8601 duration (PT10M)", e);
    }
    if (parsed.isNegative() || parsed.compareTo(MAX_BACKOFF) > 0) {
      throw new IllegalArgumentException("must be between 0 and 7 days");
    }
    return parsed;
  }
}
