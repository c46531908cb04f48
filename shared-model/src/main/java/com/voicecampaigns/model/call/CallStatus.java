package com.voicecampaigns.model.call;

import com.voicecampaigns.model.WireValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The state of one call attempt. {@code pending → dialing → (ringing, in-progress) → a terminal
 * state}. {@link #UNKNOWN} is the at-most-once outcome of a worker that died between claiming the
 * attempt and hearing Plivo's answer: never redialled automatically, reconciled by a late callback.
 * {@link #SUPPRESSED} is an attempt never dialled because its number is on the tenant's do-not-call
 * list; {@link #MACHINE} a call an answering machine picked up (Plivo's machine detection). The
 * moves are {@link #canMoveTo}'s; campaign-store filters every conditional update of an attempt on
 * sources that this state machine allows.
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
  /**
   * No callback ended an active call in time, or the campaign's end time passed before a pending
   * attempt was dialled; the attempt's {@code error} says which.
   */
  EXPIRED("expired"),
  UNKNOWN("unknown"),
  /** Never dialled: the number is on the tenant's do-not-call list. */
  SUPPRESSED("suppressed"),
  /** An answering machine picked the call up (Plivo's machine detection said so). */
  MACHINE("machine");

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
      case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELLED, EXPIRED, SUPPRESSED, MACHINE -> true;
      default -> false;
    };
  }

  /**
   * Whether an attempt in this state may move to {@code target}: a pending attempt is claimed,
   * cancelled, suppressed or expired (its campaign's end time passed); a claimed one goes back to
   * the queue (never sent), is suppressed (never sent), rings, is answered, ends, expires or
   * becomes unknown; a ringing or answered one ends or expires; an unknown one is reconciled by
   * whatever callback arrives; an expired one by a late hangup. Other terminal states are final.
   */
  public boolean canMoveTo(CallStatus target) {
    return switch (this) {
      case PENDING ->
          target == DIALING || target == CANCELLED || target == SUPPRESSED || target == EXPIRED;
      case DIALING -> target != DIALING;
      case RINGING -> target == IN_PROGRESS || isHangupOutcome(target) || target == EXPIRED;
      case IN_PROGRESS -> isHangupOutcome(target) || target == EXPIRED;
      case UNKNOWN -> target == RINGING || target == IN_PROGRESS || isHangupOutcome(target);
      case EXPIRED -> isHangupOutcome(target);
      case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELLED, SUPPRESSED, MACHINE -> false;
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
      case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELLED, MACHINE -> true;
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

  /**
   * The outcome of a hangup callback for a call on which Plivo detected an answering machine
   * ({@code Machine=true} on this or an earlier callback of the call): {@link #MACHINE} when the
   * call was connected (Plivo's {@code completed}), else as {@link #fromPlivoHangup(String)}.
   */
  public static CallStatus fromPlivoHangup(String plivoStatus, boolean machineDetected) {
    CallStatus outcome = fromPlivoHangup(plivoStatus);
    return machineDetected && outcome == COMPLETED ? MACHINE : outcome;
  }
}
