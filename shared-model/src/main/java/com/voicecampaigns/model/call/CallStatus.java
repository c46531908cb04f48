package com.voicecampaigns.model.call;

import com.voicecampaigns.model.WireValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The state of one call attempt. {@code pending → dialing → (ringing, in-progress) → a terminal
 * state}. {@link #UNKNOWN} is the at-most-once outcome of a worker that died between claiming the
 * attempt and hearing Plivo's answer: never redialled automatically, reconciled by a late callback.
 * The moves are {@link #canMoveTo}'s; campaign-store filters every conditional update of an attempt
 * on sources that this state machine allows.
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
   * Whether an attempt in this state may move to {@code target}: a pending attempt is claimed or
   * cancelled; a claimed one goes back to the queue (never sent), rings, is answered, ends, expires
   * or becomes unknown; a ringing or answered one ends or expires; an unknown one is reconciled by
   * whatever callback arrives; an expired one by a late hangup. Other terminal states are final.
   */
  public boolean canMoveTo(CallStatus target) {
    return switch (this) {
      case PENDING -> target == DIALING || target == CANCELLED;
      case DIALING -> target != DIALING;
      case RINGING -> target == IN_PROGRESS || target.isTerminal();
      case IN_PROGRESS -> target.isTerminal();
      case UNKNOWN -> target == RINGING || target == IN_PROGRESS || isHangupOutcome(target);
      case EXPIRED -> isHangupOutcome(target);
      case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELLED -> false;
    };
  }

  /** The states from which {@code target} may be reached. */
  public static Set<CallStatus> sourcesOf(CallStatus target) {
    EnumSet<CallStatus> sources = EnumSet.noneOf(CallStatus.class);
    for (CallStatus status : values()) {
      if (status.canMoveTo(target)) {
        sources.add(status);
      }
    }
    return sources;
  }

  /** What a hangup callback may end an attempt with ({@link #fromPlivoHangup}'s values). */
  public static boolean isHangupOutcome(CallStatus status) {
    return switch (status) {
      case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELLED -> true;
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
