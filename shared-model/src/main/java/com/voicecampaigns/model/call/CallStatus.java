package com.voicecampaigns.model.call;

import com.voicecampaigns.model.WireValue;

/**
 * The state of one call attempt. {@code pending → dialing → (ringing, in-progress) → a terminal
 * state}. {@link #UNKNOWN} is the at-most-once outcome of a worker that died between claiming the
 * attempt and hearing Plivo's answer: never redialled automatically, reconciled by a late callback.
 */
public enum CallStatus implements WireValue {
  PENDING("pending"),
  DIALING("dialing"),
  RINGING("ringing"),
  IN_PROGRESS("in-progress"),
  COMPLETED("completed"),
  BUSY("busy"),
  NO_ANSWER("no-answer"),
  FAILED("failed"),
  CANCELLED("cancelled"),
  EXPIRED("expired"),
  UNKNOWN("unknown");

  private final String wire;

  CallStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static CallStatus fromWire(String wire) {
    return WireValue.fromWire(CallStatus.class, wire);
  }

  /**
   * A call in this state occupies a concurrency slot (Plivo may still be connecting or talking).
   */
  public boolean isActive() {
    return this == DIALING || this == RINGING || this == IN_PROGRESS;
  }

  /** The attempt is over; no further callback changes its outcome except reconciliation. */
  public boolean isTerminal() {
    return switch (this) {
      case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELLED, EXPIRED -> true;
      default -> false;
    };
  }

  /**
   * Maps Plivo's hangup {@code CallStatus} form parameter (completed, busy, failed, timeout,
   * no-answer, cancel) to ours.
   */
  public static CallStatus fromPlivoHangup(String plivoStatus) {
    if (plivoStatus == null) {
      return FAILED;
    }
    return switch (plivoStatus.toLowerCase(java.util.Locale.ROOT)) {
      case "completed" -> COMPLETED;
      case "busy" -> BUSY;
      case "no-answer", "timeout" -> NO_ANSWER;
      case "cancel", "cancelled" -> CANCELLED;
      default -> FAILED;
    };
  }
}
