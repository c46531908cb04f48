package com.voicecampaigns.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses durations written as {@code 250ms}, {@code 1s}, {@code 2m}, {@code 1h}, {@code PT1S} or
 * millis.
 */
final class Durations {

  private Durations() {}

  static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("pt")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
      }
      if (value.endsWith("s")) {
        return millis(value, 1000);
      }
      if (value.endsWith("m")) {
        return millis(value, 60_000);
      }
      if (value.endsWith("h")) {
        return millis(value, 3_600_000);
      }
      return Duration.ofMillis(Long.parseLong(value));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (examples: 250ms, 1s, 1.5s, 2m, 1h, PT1S)");
    }
  }

  /** {@code 5s}, {@code 250ms}: the shortest form that {@link #parse} reads back. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  static void requireNotNegative(Duration value, String name) {
    java.util.Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }

  private static Duration millis(String value, long unitMillis) {
    double amount = Double.parseDouble(value.substring(0, value.length() - 1).trim());
    return Duration.ofMillis(Math.round(amount * unitMillis));
  }
}
