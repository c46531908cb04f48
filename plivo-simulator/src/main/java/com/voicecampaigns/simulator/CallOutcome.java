package com.voicecampaigns.simulator;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a simulated call ends, with the values Plivo reports for it in the hangup callback.
 *
 * <p>Only {@link #ANSWERED} calls fetch the answer URL; the others go straight to the hangup
 * callback with a zero duration.
 */
public enum CallOutcome {
  ANSWERED("answered", "completed", "NORMAL_CLEARING", "Normal Hangup", "Callee"),
  BUSY("busy", "busy", "USER_BUSY", "Busy Line", "Callee"),
  NO_ANSWER("no-answer", "no-answer", "NO_ANSWER", "No Answer", "Plivo"),
  /** An invalid or unreachable number: Plivo reports {@code UNALLOCATED_NUMBER}. */
  FAILED("failed", "failed", "UNALLOCATED_NUMBER", "Invalid Destination Address", "Carrier");

  private final String wireName;
  private final String callStatus;
  private final String hangupCause;
  private final String hangupCauseName;
  private final String hangupSource;

  CallOutcome(
      String wireName,
      String callStatus,
      String hangupCause,
      String hangupCauseName,
      String hangupSource) {
    this.wireName = wireName;
    this.callStatus = callStatus;
    this.hangupCause = hangupCause;
    this.hangupCauseName = hangupCauseName;
    this.hangupSource = hangupSource;
  }

  /** The name used in configuration and admin JSON: {@code answered}, {@code no-answer}… */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The {@code CallStatus} of the hangup callback. */
  public String callStatus() {
    return callStatus;
  }

  /** The {@code HangupCause} of the hangup callback. */
  public String hangupCause() {
    return hangupCause;
  }

  /** The {@code HangupCauseName} of the hangup callback. */
  public String hangupCauseName() {
    return hangupCauseName;
  }

  /** The {@code HangupSource} of the hangup callback. */
  public String hangupSource() {
    return hangupSource;
  }

  /** Parses a wire name ({@code no-answer}), also accepting enum names ({@code NO_ANSWER}). */
  public static CallOutcome parse(String value) {
    String normalized = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (CallOutcome outcome : values()) {
      if (outcome.wireName.equals(normalized)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException(
        "unknown call outcome '" + value + "' (expected answered, busy, no-answer or failed)");
  }
}
