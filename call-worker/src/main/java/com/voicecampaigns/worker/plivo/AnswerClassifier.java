package com.voicecampaigns.worker.plivo;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sorts what a Make-Call request came to into a {@link MakeCallOutcome}. Only answers that
 * certainly mean "no call" may be sent again: 429 and 503 (Plivo refused to take the request) and a
 * connection that was never made. Everything else that is not a success or a 4xx refusal may have
 * placed a call: when in doubt, the call went out.
 */
final class AnswerClassifier {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AnswerClassifier() {}

  /** Plivo answered with an error status. */
  static MakeCallOutcome ofStatus(PlivoApiException e, Instant now) {
    int status = e.status();
    String detail = message(e);
    if (status == 429 || status == 503) {
      return new MakeCallOutcome.NotPlaced(
          "plivo-" + status, retryAfter(e.retryAfter(), now), detail);
    }
    if (status >= 500) {
      // 500, 502, 504 and the rest: the request may have been taken, and the call placed
      return new MakeCallOutcome.Ambiguous("plivo-5xx", detail);
    }
    return new MakeCallOutcome.Refused(
        status == 401 || status == 403 ? "auth" : "plivo-4xx", status, detail);
  }

  /** The request failed without an HTTP answer (or with one plivo-java could not read). */
  static MakeCallOutcome ofFailure(Exception e) {
    if (e instanceof RequestNotSentException notSent) {
      return new MakeCallOutcome.NotPlaced("connect", Duration.ZERO, notSent.getMessage());
    }
    if (e instanceof InterruptedIOException) {
      return new MakeCallOutcome.Ambiguous("timeout", "Plivo did not answer in time: " + e);
    }
    if (e instanceof JsonProcessingException) {
      return new MakeCallOutcome.Ambiguous("unreadable", "Plivo's answer cannot be read: " + e);
    }
    if (e instanceof IOException) {
      return new MakeCallOutcome.Ambiguous(
          "broken", "the connection broke after the request was written: " + e);
    }
    // plivo-java could not make sense of the answer: whether a call was placed is not known
    return new MakeCallOutcome.Ambiguous("unreadable", "Plivo's answer cannot be read: " + e);
  }

  /**
   * {@code Retry-After}: delta seconds or an HTTP date; {@link Duration#ZERO} when absent, in the
   * past or unreadable.
   */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Duration.ZERO;
    }
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ZERO;
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException notADate) {
        return Duration.ZERO;
      }
    }
  }

  /** Plivo's own words from an error body ({@code {"error": "..."}}), else the status. */
  static String message(PlivoApiException e) {
    try {
      JsonNode body = JSON.readTree(e.body());
      JsonNode error = body.get("error");
      if (error != null && !error.isNull()) {
        return "Plivo "
            + e.status()
            + ": "
            + (error.isString() ? error.asString() : error.toString());
      }
    } catch (RuntimeException notJson) {
      // fall through
    }
    return e.getMessage();
  }
}
