package com.voicecampaigns.store.call;

import static com.voicecampaigns.model.call.CallStatus.CANCELLED;
import static com.voicecampaigns.model.call.CallStatus.DIALING;
import static com.voicecampaigns.model.call.CallStatus.EXPIRED;
import static com.voicecampaigns.model.call.CallStatus.FAILED;
import static com.voicecampaigns.model.call.CallStatus.IN_PROGRESS;
import static com.voicecampaigns.model.call.CallStatus.PENDING;
import static com.voicecampaigns.model.call.CallStatus.RINGING;
import static com.voicecampaigns.model.call.CallStatus.SUPPRESSED;
import static com.voicecampaigns.model.call.CallStatus.UNKNOWN;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The transitions of a call attempt as the store applies them: the sources each one's filter
 * accepts and the targets it may write. Every source → target pair must be a move {@link
 * CallStatus#canMoveTo} allows, or this class fails to load.
 */
enum CallAttemptMove {
  /** A pending attempt that is due, claimed for dialling under a lease. */
  CLAIM(EnumSet.of(PENDING), DIALING),
  /** A claimed attempt that was never sent back to the queue (window closed, pause, shutdown). */
  REQUEUE(EnumSet.of(DIALING), PENDING),
  /** The ring callback: Plivo placed the call (an unknown attempt is reconciled). */
  RING(EnumSet.of(DIALING, UNKNOWN), RINGING),
  /** The answer callback of the attempt's first answered call. */
  ANSWER(EnumSet.of(DIALING, RINGING, UNKNOWN), IN_PROGRESS),
  /** The hangup callback: the call's outcome (reconciling an unknown or expired attempt). */
  HANG_UP(EnumSet.of(DIALING, RINGING, IN_PROGRESS, UNKNOWN, EXPIRED), hangupOutcomes()),
  /** Plivo refused the request, or every try failed: no call was placed. */
  FAIL(EnumSet.of(DIALING), FAILED),
  /** A request that may have placed a call: never dialled again automatically. */
  MARK_UNKNOWN(EnumSet.of(DIALING), UNKNOWN),
  /** An active call no callback ended in time. */
  EXPIRE(EnumSet.of(DIALING, RINGING, IN_PROGRESS), EXPIRED),
  /** A pending attempt of a cancelled or failed campaign. */
  CANCEL(EnumSet.of(PENDING), CANCELLED),
  /** A number on the tenant's do-not-call list, found right before the dial: never sent. */
  SUPPRESS(EnumSet.of(PENDING, DIALING), SUPPRESSED),
  /** A pending attempt of a campaign whose end time passed. */
  EXPIRE_PENDING(EnumSet.of(PENDING), EXPIRED);

  private final Set<CallStatus> sources;
  private final Set<CallStatus> targets;

  CallAttemptMove(Set<CallStatus> sources, CallStatus... targets) {
    this.sources = Collections.unmodifiableSet(sources);
    this.targets = Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(targets)));
    for (CallStatus target : this.targets) {
      if (!CallStatus.sourcesOf(target).containsAll(sources)) {
        throw new IllegalStateException(
            "the call state machine does not allow "
                + sources
                + " → "
                + target
                + " ("
                + name()
                + ")");
      }
    }
  }

  Set<CallStatus> sources() {
    return sources;
  }

  Set<CallStatus> targets() {
    return targets;
  }

  /** The attempt {@code callId}, while it is in one of this move's sources. */
  Query of(String callId) {
    return new Query(where(CallFields.ID).is(callId).and(CallFields.STATUS).in(sourceWires()));
  }

  List<String> sourceWires() {
    return sources.stream().map(CallStatus::wire).toList();
  }

  void checkTarget(CallStatus target) {
    if (!targets.contains(target)) {
      throw new IllegalArgumentException(name() + " cannot end an attempt " + target.wire());
    }
  }

  private static CallStatus[] hangupOutcomes() {
    return Arrays.stream(CallStatus.values())
        .filter(CallStatus::isHangupOutcome)
        .toArray(CallStatus[]::new);
  }
}
