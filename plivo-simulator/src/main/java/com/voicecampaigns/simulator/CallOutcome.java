package com.voicecampaigns.simulator;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a simulated call ends, with the values Plivo reports for it in the hangup callback.
 *
 * <p>Only {@link #ANSWERED} calls fetch the answer URL; the others go straight to the hangup
 * callback with a zero duration. {@code HangupCauseCode} is sent where Plivo's hangup cause table
 * gives it (4000, 2000, 5030).
 */
public enum CallOutcome {
  ANSWERED("answered", "completed", "NORMAL_CLEARING", "Normal Hangup", "Callee", 4000),
  BUSY("busy", "busy", "USER_BUSY", "Busy Line", "Callee", null),
  NO_ANSWER("no-answer", "no-answer", "NO_ANSWER", "No Answer", "Plivo", null),
  /** An invalid or unreachable number: Plivo reports {@code UNALLOCATED_NUMBER}. */
  FAILED("failed", "failed", "UNALLOCATED_NUMBER", "Invalid Destination Address", "Carrier", 2000),
  /**
   * The account's concurrent call limit was reached: the call fails at once, unrung (Plivo's error
   * code 5030). Set by the limit, never drawn from outcome weights.
   */
  CONCURRENCY_LIMIT(
      "concurrency-limit", "failed", "CALL_REJECTED", "Concurrency Limit Breached", "Plivo", 5030);

  private final String wireName;
  private final String callStatus;
  private final String hangupCause;
  private final String hangupCauseName;
  private final String hangupSource;
  private final Integer hangupCauseCode;

  CallOutcome(
      String wireName,
      String callStatus,
      String hangupCause,
      String hangupCauseName,
      String hangupSource,
      Integer hangupCauseCode) {
    this.wireName = wireName;
    this.callStatus = callStatus;
    this.hangupCause = hangupCause;
    this.hangupCauseName = hangupCauseName;
    this.hangupSource = hangupSource;
    this.hangupCauseCode = hangupCauseCode;
  }

  /** Plivo's numeric {@code HangupCauseCode}, or null where its table does not give one. */
  public Integer hangupCauseCode() {
    return hangupCauseCode;
  }

  /** True for the outcomes configuration may choose (all but {@link #CONCURRENCY_LIMIT}). */
  public boolean drawable() {
    return this != CONCURRENCY_LIMIT;
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
      if (outcome.drawable() && outcome.wireName.equals(normalized)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException(
        "unknown call outcome '" + value + "' (expected answered, busy, no-answer or failed)");
  }
}
