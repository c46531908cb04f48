package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A worker's claim on a running campaign, fenced by the dispatch that started it, and the writes it
 * makes under that claim: taking, renewing and releasing the lease, the walk's progress, and the
 * end of the campaign (completed or failed). Every write but {@link #take} filters on the lease's
 * fence, so a paused, cancelled or re-dispatched campaign, or one taken over by another worker,
 * ignores it.
 */
public class CampaignLeases {

  private final MongoOperations mongo;

  public CampaignLeases(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /**
   * Takes the lease for {@code dispatchId} until {@code leaseUntil}: the campaign must be running
   * under that dispatch, not past its end time, and its lease free, expired or already {@code
   * workerId}'s. Empty when the dispatch is stale, the end time has passed, or another worker holds
   * a live lease.
   */
  public Optional<TakenLease> take(
      String campaignId, String dispatchId, String workerId, Instant leaseUntil, Instant now) {
    Query free = CampaignFilters.moving(campaignId, CampaignMove.HOLD);
    free.addCriteria(where(CampaignFields.DISPATCH_ID).is(dispatchId));
    free.addCriteria(
        new Criteria()
            .andOperator(
                new Criteria()
                    .orOperator(
                        where(CampaignFields.WORKER_ID).isNull(),
                        where(CampaignFields.WORKER_ID).is(workerId),
                        where(CampaignFields.LEASE_UNTIL).lte(now)),
                CampaignFilters.notEnded(now)));
    free.fields().include(CampaignFields.LAST_WORKER_ID);
    Update take =
        new Update()
            .set(CampaignFields.WORKER_ID, workerId)
            .set(CampaignFields.LAST_WORKER_ID, workerId)
            .set(CampaignFields.LEASE_UNTIL, leaseUntil)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.RESUME_AT);
    Document before =
        mongo.findAndModify(
            free,
            take,
            FindAndModifyOptions.options().returnNew(false),
            Document.class,
            CampaignFields.COLLECTION);
    if (before == null) {
      return Optional.empty();
    }
    String previous = before.getString(CampaignFields.LAST_WORKER_ID);
    return Optional.of(
        new TakenLease(
            new Lease(campaignId, dispatchId, workerId),
            previous == null || previous.equals(workerId) ? null : previous));
  }

  /** Extends the lease until {@code leaseUntil}; false when it was lost or the campaign stopped. */
  public boolean renew(Lease lease, Instant leaseUntil) {
    return underLease(lease, new Update().set(CampaignFields.LEASE_UNTIL, leaseUntil));
  }

  /**
   * Gives the lease up until {@code resumeAt}: the dispatcher hands the campaign to a worker again
   * once that time has come ({@code resumeAt = now} for "at once"). False when the lease was no
   * longer held.
   */
  public boolean release(Lease lease, Instant resumeAt, Instant now) {
    return underLease(
        lease,
        new Update()
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL)
            .set(CampaignFields.RESUME_AT, resumeAt)
            .set(CampaignFields.UPDATED_AT, now));
  }

  /**
   * Records that {@code workerId} stopped dialling the campaign knowingly (paused, cancelled,
   * finished, released), so that the next worker to take it does not count a takeover.
   */
  public void letGo(String campaignId, String workerId) {
    mongo.updateFirst(
        new Query(CampaignFilters.byId(campaignId).and(CampaignFields.LAST_WORKER_ID).is(workerId)),
        new Update().unset(CampaignFields.LAST_WORKER_ID),
        CampaignFields.COLLECTION);
  }

  /** Remembers the last contact handed to the dialler, so that a successor resumes after it. */
  public boolean saveCursor(Lease lease, String contactId, Instant now) {
    return underLease(
        lease,
        new Update()
            .set(CampaignFields.CURSOR, new ObjectId(contactId))
            .set(CampaignFields.UPDATED_AT, now));
  }

  /** Records that every contact of the list has had its first attempt created. */
  public boolean markContactsExhausted(Lease lease, Instant now) {
    return underLease(
        lease,
        new Update()
            .set(CampaignFields.CONTACTS_EXHAUSTED, true)
            .set(CampaignFields.UPDATED_AT, now));
  }

  /**
   * running → completed, once every contact has had its first attempt created (the caller checks
   * that no attempt is open); releases the lease. The progress counters stay as the attempts'
   * transitions left them.
   */
  public boolean complete(Lease lease, Instant now) {
    Query done = CampaignFilters.fenced(lease, CampaignMove.COMPLETE);
    done.addCriteria(where(CampaignFields.CONTACTS_EXHAUSTED).is(true));
    Update complete =
        new Update()
            .set(CampaignFields.STATUS, CampaignMove.COMPLETE.target().wire())
            .set(CampaignFields.COMPLETED_AT, now)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL);
    return mongo.updateFirst(done, complete, CampaignFields.COLLECTION).getModifiedCount() == 1;
  }

  /** running → failed with {@code reason}, for a cause no retry can fix; releases the lease. */
  public boolean fail(Lease lease, String reason, Instant now) {
    Update fail =
        new Update()
            .set(CampaignFields.STATUS, CampaignMove.FAIL.target().wire())
            .set(CampaignFields.FAILURE_REASON, reason)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL);
    return mongo
            .updateFirst(
                CampaignFilters.fenced(lease, CampaignMove.FAIL), fail, CampaignFields.COLLECTION)
            .getModifiedCount()
        == 1;
  }

  private boolean underLease(Lease lease, Update update) {
    return mongo
            .updateFirst(
                CampaignFilters.fenced(lease, CampaignMove.HOLD), update, CampaignFields.COLLECTION)
            .getMatchedCount()
        == 1;
  }

  /**
   * Brings the restart of a running campaign that its worker released until a later {@code
   * resumeAt} forward to {@code now} (running → running, no new dispatch: the dispatcher gives it
   * one as for any released campaign whose time has come), because new work is due now, e.g. an
   * operator's redial. A campaign a worker holds, or one already due, is left alone. False when
   * nothing changed.
   */
  public boolean resumeReleasedNow(String id, String clientId, Instant now) {
    if (!Ids.isValid(id)) {
      return false;
    }
    Query releasedUntilLater = CampaignFilters.moving(id, clientId, CampaignMove.HOLD);
    releasedUntilLater.addCriteria(
        where(CampaignFields.WORKER_ID).isNull().and(CampaignFields.RESUME_AT).gt(now));
    Update update =
        new Update().set(CampaignFields.RESUME_AT, now).set(CampaignFields.UPDATED_AT, now);
    return mongo
            .updateFirst(releasedUntilLater, update, CampaignFields.COLLECTION)
            .getModifiedCount()
        == 1;
  }
}
