package com.voicecampaigns.store.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.campaign.Lease;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * How {@link CallAttemptStore} writes a worker's claim of an attempt and its Make-Call request:
 * every write is fenced by the claim (its dispatch and worker) and by Plivo not having answered, so
 * a successor that took the attempt back is never overwritten by the worker it replaced.
 */
final class AttemptClaims {

  private final MongoOperations mongo;
  private final AttemptWrites writes;

  AttemptClaims(MongoOperations mongo, AttemptWrites writes) {
    this.mongo = mongo;
    this.writes = writes;
  }

  Optional<CallAttemptDocument> claimDuePending(Lease lease, Instant now) {
    Query due =
        new Query(
                where(CallFields.CAMPAIGN_ID)
                    .is(lease.campaignId())
                    .and(CallFields.STATUS)
                    .in(CallAttemptMove.CLAIM.sourceWires())
                    .and(CallFields.NOT_BEFORE)
                    .lte(now))
            .with(Sort.by(CallFields.NOT_BEFORE));
    Update claim =
        new Update()
            .set(CallFields.STATUS, CallStatus.DIALING.wire())
            .set(CallFields.DISPATCH_ID, lease.dispatchId())
            .set(CallFields.WORKER_ID, lease.workerId());
    CallAttemptDocument claimed =
        mongo.findAndModify(
            due, claim, FindAndModifyOptions.options().returnNew(true), CallAttemptDocument.class);
    if (claimed != null) {
      writes.counted(
          claimed.campaignId(), CallStatus.PENDING, CallStatus.DIALING, claimed.isSuperseded(), 1);
    }
    return Optional.ofNullable(claimed);
  }

  boolean requeue(String callId, Lease lease, Instant notBefore) {
    return requeue(claimedBy(callId, lease), notBefore, new Update());
  }

  boolean requeueUnstarted(String callId, Instant notBefore) {
    Query unstarted = CallAttemptMove.REQUEUE.of(callId);
    unstarted.addCriteria(where(CallFields.REQUEST_STARTED_AT).isNull());
    return requeue(unstarted, notBefore, new Update());
  }

  boolean startRequest(String callId, Lease lease, Instant at) {
    Update start =
        new Update()
            .set(CallFields.DIALED_AT, at)
            .set(CallFields.REQUEST_STARTED_AT, at)
            .inc(CallFields.PLIVO_REQUESTS, 1);
    return mongo
            .updateFirst(claimedBy(callId, lease), start, CallAttemptDocument.class)
            .getModifiedCount()
        == 1;
  }

  boolean withdrawRequest(String callId, Lease lease, Instant notBefore) {
    Query started = claimedBy(callId, lease);
    started.addCriteria(where(CallFields.REQUEST_STARTED_AT).ne(null));
    return requeue(started, notBefore, new Update().inc(CallFields.PLIVO_REQUESTS, -1));
  }

  private static Query claimedBy(String callId, Lease lease) {
    return CallAttemptMove.REQUEUE
        .of(callId)
        .addCriteria(
            where(CallFields.REQUEST_UUID)
                .isNull()
                .and(CallFields.DISPATCH_ID)
                .is(lease.dispatchId())
                .and(CallFields.WORKER_ID)
                .is(lease.workerId()));
  }

  private boolean requeue(Query filter, Instant notBefore, Update requeue) {
    filter.addCriteria(where(CallFields.REQUEST_UUID).isNull());
    requeue
        .set(CallFields.NOT_BEFORE, notBefore)
        .unset(CallFields.REQUEST_STARTED_AT)
        .unset(CallFields.DISPATCH_ID)
        .unset(CallFields.WORKER_ID);
    return writes.move(filter, CallStatus.PENDING, requeue).isPresent();
  }
}
