package com.voicecampaigns.store.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * How {@link CallAttemptStore}'s transitions write: each one conditional update of the attempt,
 * filtered on its move's sources, and, when it won, the campaign's counters moved for it ({@link
 * AttemptCounters}).
 */
final class AttemptWrites {

  private final MongoOperations mongo;
  private final AttemptCounters counters;

  AttemptWrites(MongoOperations mongo) {
    this.mongo = mongo;
    this.counters = new AttemptCounters(mongo);
  }

  /**
   * Inserts the attempt; false when another claim of it exists. A later attempt supersedes the one
   * before it: that one's contact is this one's from now on.
   */
  boolean insert(CallAttemptDocument attempt) {
    try {
      mongo.insert(attempt);
    } catch (DuplicateKeyException alreadyClaimed) {
      return false;
    }
    CallStatus previous = attempt.attempt() > 1 ? supersede(attempt) : null;
    counters.inserted(attempt, previous);
    return true;
  }

  /**
   * Moves the attempt {@code filter} selects to {@code to} with {@code details}; answers it as it
   * was, or empty when another writer got there first.
   */
  Optional<CallAttemptDocument> move(Query filter, CallStatus to, Update details) {
    Update update = details.set(CallFields.STATUS, to.wire());
    CallAttemptDocument before =
        mongo.findAndModify(
            filter,
            update,
            FindAndModifyOptions.options().returnNew(false),
            CallAttemptDocument.class);
    if (before != null) {
      counters.moved(before.campaignId(), before.status(), to, before.isSuperseded(), 1);
    }
    return Optional.ofNullable(before);
  }

  /** The campaign's counters for attempts another write of this package moved. */
  void counted(String campaignId, CallStatus from, CallStatus to, boolean superseded, long n) {
    counters.moved(campaignId, from, to, superseded, n);
  }

  /** Every pending attempt of the campaign → expired ({@code CallAttemptStore.expirePending}). */
  long expirePending(String campaignId, String reason, Instant now) {
    long expired = 0;
    // each pass counts its attempts by whether a retry superseded them
    for (boolean superseded : new boolean[] {false, true}) {
      Query pending =
          new Query(
              where(CallFields.CAMPAIGN_ID)
                  .is(campaignId)
                  .and(CallFields.STATUS)
                  .in(CallAttemptMove.EXPIRE_PENDING.sourceWires())
                  .and(CallFields.SUPERSEDED)
                  .is(superseded ? true : null));
      Update expire =
          new Update()
              .set(CallFields.STATUS, CallStatus.EXPIRED.wire())
              .set(CallFields.ERROR, reason)
              .set(CallFields.ENDED_AT, now);
      long n = mongo.updateMulti(pending, expire, CallFields.COLLECTION).getModifiedCount();
      counters.moved(campaignId, CallStatus.PENDING, CallStatus.EXPIRED, superseded, n);
      expired += n;
    }
    return expired;
  }

  /** Sets the attempt's {@code machine} flag ({@code CallAttemptStore.machineDetected}). */
  boolean machineDetected(String callId, String callUuid) {
    Query call =
        new Query(where(CallFields.ID).is(callId))
            .addCriteria(
                new Criteria()
                    .orOperator(
                        where(CallFields.CALL_UUID).isNull(),
                        where(CallFields.CALL_UUID).is(callUuid)));
    return mongo
            .updateFirst(call, Update.update(CallFields.MACHINE, true), CallAttemptDocument.class)
            .getMatchedCount()
        == 1;
  }

  /** Marks the attempt before {@code later} superseded; answers its status then, if it exists. */
  private CallStatus supersede(CallAttemptDocument later) {
    Query previous =
        new Query(
            where(CallFields.CAMPAIGN_ID)
                .is(later.campaignId())
                .and(CallFields.CONTACT_ID)
                .is(later.contactId())
                .and(CallFields.ATTEMPT)
                .is(later.attempt() - 1)
                .and(CallFields.SUPERSEDED)
                .ne(true));
    CallAttemptDocument before =
        mongo.findAndModify(
            previous,
            Update.update(CallFields.SUPERSEDED, true),
            FindAndModifyOptions.options().returnNew(false),
            CallAttemptDocument.class);
    return before == null ? null : before.status();
  }
}
