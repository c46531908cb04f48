package com.voicecampaigns.store.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.campaign.Lease;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The life of a call attempt, one method per transition ({@link CallAttemptMove}). An attempt is
 * claimed by inserting it (or by moving a pending one to dialing): the unique index on campaign,
 * contact and attempt number makes a second claim of the same attempt fail, so only one worker ever
 * dials it. Every later change is a conditional update on the transition's sources, so a repeated
 * callback or a late worker changes nothing; each answers the attempt as it was before, or empty
 * when another writer got there first. Every change that wins also moves the campaign's progress
 * counters ({@code stats}, {@code contactStats}), so no caller counts anything itself.
 */
public class CallAttemptStore {

  private final MongoOperations mongo;
  private final AttemptWrites writes;
  private final AttemptClaims claims;

  public CallAttemptStore(MongoOperations mongo) {
    this.mongo = mongo;
    this.writes = new AttemptWrites(mongo);
    this.claims = new AttemptClaims(mongo, writes);
  }

  /**
   * Inserts (claims) the attempt; false when another claim of it exists already. A retry (attempt 2
   * and later) supersedes the contact's previous attempt in the campaign's contact counters.
   */
  public boolean insert(CallAttemptDocument attempt) {
    return writes.insert(attempt);
  }

  /** pending → dialing: the attempt of the campaign that has been due longest, under the lease. */
  public Optional<CallAttemptDocument> claimDuePending(Lease lease, Instant now) {
    return claims.claimDuePending(lease, now);
  }

  /**
   * dialing → pending at {@code notBefore}, fenced by the claim of {@code lease}: an attempt that
   * was not sent after all (its window closed, a pause), or that Plivo certainly did not place
   * (then after a backoff). A successor's claim of the same attempt is left alone.
   */
  public boolean requeue(String callId, Lease lease, Instant notBefore) {
    return claims.requeue(callId, lease, notBefore);
  }

  /**
   * dialing → pending at {@code notBefore}, only if its claim never started a Make-Call request: an
   * attempt a stopped worker claimed but never sent (a successor's clean-up).
   */
  public boolean requeueUnstarted(String callId, Instant notBefore) {
    return claims.requeueUnstarted(callId, notBefore);
  }

  /**
   * Marks the start of a Make-Call request for the attempt, right before it is sent ({@code
   * dialedAt}, {@code requestStartedAt}, one more of {@code plivoRequests}), fenced by the claim:
   * false when the attempt is no longer claimed by {@code lease} (a successor took it back) or
   * Plivo answered it already; nothing may be sent then.
   */
  public boolean startRequest(String callId, Lease lease, Instant at) {
    return claims.startRequest(callId, lease, at);
  }

  /**
   * dialing → pending at {@code notBefore}, undoing {@link #startRequest}: the request was started
   * but never sent after all (its last checks or the account's permits refused it).
   */
  public boolean withdrawRequest(String callId, Lease lease, Instant notBefore) {
    return claims.withdrawRequest(callId, lease, notBefore);
  }

  /** Stores Plivo's {@code request_uuid}; the status stays as callbacks may already have set it. */
  public void requestAccepted(String callId, String requestUuid) {
    mongo.updateFirst(
        byId(callId),
        new Update().set(CallFields.REQUEST_UUID, requestUuid),
        CallAttemptDocument.class);
  }

  /**
   * → ringing (the ring callback).
   *
   * @param requestUuid written when not {@code null} (the attempt did not know it yet)
   */
  public Optional<CallAttemptDocument> ring(String callId, String requestUuid) {
    Update update = new Update();
    if (requestUuid != null) {
      update.set(CallFields.REQUEST_UUID, requestUuid);
    }
    return move(moving(callId, CallAttemptMove.RING), CallStatus.RINGING, update);
  }

  /**
   * → in-progress (the answer callback of call {@code callUuid}), unless another call of the same
   * attempt was answered first.
   *
   * @param requestUuid written when not {@code null} (the attempt did not know it yet)
   */
  public Optional<CallAttemptDocument> answer(
      String callId, String callUuid, String requestUuid, Instant now) {
    Update update =
        new Update().set(CallFields.CALL_UUID, callUuid).set(CallFields.ANSWERED_AT, now);
    if (requestUuid != null) {
      update.set(CallFields.REQUEST_UUID, requestUuid);
    }
    return move(sameCall(callId, callUuid, CallAttemptMove.ANSWER), CallStatus.IN_PROGRESS, update);
  }

  /** → {@code outcome} (the hangup callback of call {@code callUuid}, which may be null). */
  public Optional<CallAttemptDocument> hangUp(
      String callId,
      String callUuid,
      CallStatus outcome,
      String hangupCause,
      Integer durationSeconds,
      Instant now) {
    CallAttemptMove.HANG_UP.checkTarget(outcome);
    Update update =
        new Update()
            .set(CallFields.HANGUP_CAUSE, hangupCause)
            .set(CallFields.DURATION_SECONDS, durationSeconds)
            .set(CallFields.ENDED_AT, now);
    if (callUuid != null) {
      update.set(CallFields.CALL_UUID, callUuid);
    }
    return move(sameCall(callId, callUuid, CallAttemptMove.HANG_UP), outcome, update);
  }

  /** dialing → failed: no call was placed. */
  public Optional<CallAttemptDocument> fail(String callId, String error, Instant now) {
    return move(
        moving(callId, CallAttemptMove.FAIL),
        CallStatus.FAILED,
        new Update().set(CallFields.ERROR, error).set(CallFields.ENDED_AT, now));
  }

  /**
   * dialing → unknown at {@code now}: the request may have placed a call; a later callback
   * reconciles it.
   */
  public Optional<CallAttemptDocument> markUnknown(String callId, String error, Instant now) {
    return move(
        moving(callId, CallAttemptMove.MARK_UNKNOWN),
        CallStatus.UNKNOWN,
        new Update().set(CallFields.ERROR, error).set(CallFields.UNKNOWN_SINCE, now));
  }

  /** dialing, ringing or in-progress → expired: no callback ended it in time. */
  public Optional<CallAttemptDocument> expire(String callId, String error, Instant now) {
    return move(
        moving(callId, CallAttemptMove.EXPIRE),
        CallStatus.EXPIRED,
        new Update().set(CallFields.ERROR, error).set(CallFields.ENDED_AT, now));
  }

  /** pending → cancelled: its campaign was cancelled or failed. */
  public Optional<CallAttemptDocument> cancel(String callId, String reason, Instant now) {
    return move(
        moving(callId, CallAttemptMove.CANCEL),
        CallStatus.CANCELLED,
        new Update().set(CallFields.ERROR, reason).set(CallFields.ENDED_AT, now));
  }

  /**
   * pending or dialing (claimed, no request started under the claim) → suppressed: the number is on
   * the tenant's do-not-call list ({@code DoNotCallStore.isSuppressed}), checked right before the
   * dial. Matches nothing once a request was started for the claim or answered by Plivo.
   */
  public Optional<CallAttemptDocument> suppress(String callId, Instant now) {
    Query neverSent = moving(callId, CallAttemptMove.SUPPRESS);
    neverSent.addCriteria(
        where(CallFields.REQUEST_UUID).isNull().and(CallFields.REQUEST_STARTED_AT).isNull());
    return move(
        neverSent,
        CallStatus.SUPPRESSED,
        new Update()
            .set(CallFields.ERROR, "on the do-not-call list")
            .set(CallFields.ENDED_AT, now));
  }

  /**
   * Every pending attempt of the campaign → expired with {@code reason}: the campaign's end time
   * passed before they were dialled. Answers how many it expired.
   */
  public long expirePending(String campaignId, String reason, Instant now) {
    return writes.expirePending(campaignId, reason, now);
  }

  /**
   * Records that Plivo's machine detection reported an answering machine on call {@code callUuid}
   * of the attempt ({@code machine: true}); its hangup then ends it {@code machine} ({@link
   * CallStatus#fromPlivoHangup(String, boolean)}). The status does not change.
   */
  public boolean machineDetected(String callId, String callUuid) {
    return writes.machineDetected(callId, callUuid);
  }

  private Optional<CallAttemptDocument> move(Query filter, CallStatus to, Update details) {
    return writes.move(filter, to, details);
  }

  private static Query byId(String callId) {
    return new Query(where(CallFields.ID).is(callId));
  }

  private static Query moving(String callId, CallAttemptMove move) {
    return move.of(callId);
  }

  /** {@code moving}, and about the attempt's own call: none known yet, or {@code callUuid}. */
  private static Query sameCall(String callId, String callUuid, CallAttemptMove move) {
    return moving(callId, move)
        .addCriteria(
            new Criteria()
                .orOperator(
                    where(CallFields.CALL_UUID).isNull(),
                    where(CallFields.CALL_UUID).is(callUuid)));
  }
}
