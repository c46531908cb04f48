package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A campaign's life outside a worker's lease: created, rescheduled, claimed when due, recovered
 * when nobody holds it, paused, resumed, cancelled. One method per row of the transition table;
 * each is one conditional update filtered on the row's sources (see {@link CampaignMove}), so of
 * two racing writers one wins and the other matches nothing. The lease's own transitions are {@link
 * CampaignLeases}'.
 */
public class CampaignStore {

  private final MongoOperations mongo;

  public CampaignStore(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** Inserts a new campaign and answers it as stored. */
  public CampaignDocument create(NewCampaign campaign) {
    mongo.insert(campaign);
    return mongo.findById(Ids.stored(campaign.id()), CampaignDocument.class);
  }

  /**
   * Claims the next batch of up to {@code limit} due campaigns, scheduled → running with one new
   * {@code dispatchId}; answers the ones this call claimed (the others of the batch went to another
   * claimer meanwhile), or empty when none is due.
   *
   * <p>A batch is the first {@code limit} due campaigns in (scheduledTime, id) order. It is claimed
   * with one statement, bounded by the batch's last key rather than a list of ids (cheap on any
   * MongoDB, and on the in-memory test server too), and read back by its token. MongoDB applies the
   * update to each document atomically and re-evaluates the filter for it, so two claimers cannot
   * both win a campaign, and nothing starts early.
   */
  public Optional<List<ClaimedCampaign>> claimDueBatch(Instant now, int limit) {
    Query next =
        new Query(CampaignFilters.due(now))
            .with(Sort.by(CampaignFields.SCHEDULED_TIME, CampaignFields.ID))
            .limit(limit);
    next.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    List<CampaignState> batch = mongo.find(next, CampaignState.class, CampaignFields.COLLECTION);
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    CampaignState last = batch.get(batch.size() - 1);
    Criteria upToLast =
        new Criteria()
            .orOperator(
                where(CampaignFields.SCHEDULED_TIME).lt(last.scheduledTime()),
                where(CampaignFields.SCHEDULED_TIME)
                    .is(last.scheduledTime())
                    .and(CampaignFields.ID)
                    .lte(Ids.stored(last.id())));
    String dispatchId = newDispatchId();
    Query stillDue = new Query(CampaignFilters.due(now).andOperator(upToLast));
    if (mongo
            .updateMulti(stillDue, claim(dispatchId, now), CampaignFields.COLLECTION)
            .getModifiedCount()
        == 0) {
      return Optional.of(List.of());
    }
    Query claimedByThisCall = new Query(where(CampaignFields.DISPATCH_ID).is(dispatchId));
    claimedByThisCall.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    return Optional.of(
        mongo.find(claimedByThisCall, CampaignState.class, CampaignFields.COLLECTION).stream()
            .map(claimed -> claimed(claimed, dispatchId, now))
            .toList());
  }

  /**
   * Claims campaign {@code id}, scheduled → running, if it is still scheduled and due; empty when
   * another claimer was first, or it was rescheduled, cancelled or is not due.
   */
  public Optional<ClaimedCampaign> claimDue(String id, Instant now) {
    Query stillDue = new Query(CampaignFilters.byId(id).andOperator(CampaignFilters.due(now)));
    stillDue.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    String dispatchId = newDispatchId();
    CampaignState claimed =
        mongo.findAndModify(
            stillDue,
            claim(dispatchId, now),
            FindAndModifyOptions.options().returnNew(true),
            CampaignState.class,
            CampaignFields.COLLECTION);
    return Optional.ofNullable(claimed).map(state -> claimed(state, dispatchId, now));
  }

  /**
   * Gives a running campaign that nobody owns for {@code reason} a new dispatch (running →
   * running): a new {@code dispatchId}, which fences off whoever held the old one, {@code
   * dispatchedAt = now}, no worker, no lease, no {@code resumeAt}. Filtered on the reason and on
   * the old {@code dispatchId}, so two recoverers cannot both win, and a worker that takes or
   * renews its lease in the meantime does; a campaign past its end time is not recovered ({@link
   * CampaignEnds} completes it). Answers the new {@code dispatchId}.
   */
  public Optional<String> recover(
      String id, String oldDispatchId, Recoverability reason, Instant now, Duration startTimeout) {
    Query stillUnowned = CampaignFilters.moving(id, CampaignMove.RECOVER);
    stillUnowned.addCriteria(where(CampaignFields.DISPATCH_ID).is(oldDispatchId));
    stillUnowned.addCriteria(
        new Criteria()
            .andOperator(reason.criteria(now, startTimeout), CampaignFilters.notEnded(now)));
    String dispatchId = newDispatchId();
    Update redispatch =
        new Update()
            .set(CampaignFields.DISPATCH_ID, dispatchId)
            .set(CampaignFields.DISPATCHED_AT, now)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL)
            .unset(CampaignFields.RESUME_AT);
    boolean recovered =
        mongo.updateFirst(stillUnowned, redispatch, CampaignFields.COLLECTION).getModifiedCount()
            == 1;
    return recovered ? Optional.of(dispatchId) : Optional.empty();
  }

  /**
   * Gives dispatch {@code dispatchId} back when its start could not be published: the campaign
   * stays running without a worker, released until now ({@link Recoverability#RELEASED}), so the
   * next dispatch pass recovers it with a new dispatch. Matches nothing once a worker took it (the
   * start did arrive) or another dispatch replaced it.
   */
  public boolean giveBack(String id, String dispatchId, Instant now) {
    Query unowned = CampaignFilters.moving(id, CampaignMove.GIVE_BACK);
    unowned.addCriteria(
        where(CampaignFields.DISPATCH_ID).is(dispatchId).and(CampaignFields.WORKER_ID).isNull());
    Update release =
        new Update().set(CampaignFields.RESUME_AT, now).set(CampaignFields.UPDATED_AT, now);
    return mongo.updateFirst(unowned, release, CampaignFields.COLLECTION).getModifiedCount() == 1;
  }

  /** scheduled → scheduled at {@code scheduledTime}; answers the campaign as it is now. */
  public Optional<CampaignDocument> reschedule(
      String id, String clientId, Instant scheduledTime, Instant now) {
    return move(
        id,
        clientId,
        CampaignMove.RESCHEDULE,
        Update.update(CampaignFields.SCHEDULED_TIME, scheduledTime),
        now);
  }

  /** running → paused; the worker sees it within a second and places no new call. */
  public Optional<CampaignDocument> pause(String id, String clientId, Instant now) {
    return move(id, clientId, CampaignMove.PAUSE, new Update(), now);
  }

  /**
   * paused → running with the lease cleared and {@code resumeAt = resumeAt}, so the dispatcher
   * hands it to a worker again with a new dispatch.
   */
  public Optional<CampaignDocument> resume(
      String id, String clientId, Instant resumeAt, Instant now) {
    Update update =
        new Update()
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL)
            .set(CampaignFields.RESUME_AT, resumeAt);
    return move(id, clientId, CampaignMove.RESUME, update, now);
  }

  /** scheduled, running or paused → cancelled; calls in flight finish, no new ones start. */
  public Optional<CampaignDocument> cancel(String id, String clientId, Instant now) {
    return move(id, clientId, CampaignMove.CANCEL, new Update(), now);
  }

  /**
   * scheduled → failed with {@code reason}: the API's own campaign whose list was deleted while it
   * was created. False when it had moved on already.
   */
  public boolean failUnstarted(String id, String reason, Instant now) {
    Update fail =
        new Update()
            .set(CampaignFields.STATUS, CampaignMove.FAIL_UNSTARTED.target().wire())
            .set(CampaignFields.FAILURE_REASON, reason)
            .set(CampaignFields.UPDATED_AT, now);
    return mongo
            .updateFirst(
                CampaignFilters.moving(id, CampaignMove.FAIL_UNSTARTED),
                fail,
                CampaignFields.COLLECTION)
            .getModifiedCount()
        == 1;
  }

  private Optional<CampaignDocument> move(
      String id, String clientId, CampaignMove move, Update update, Instant now) {
    if (!Ids.isValid(id)) {
      return Optional.empty();
    }
    update.set(CampaignFields.STATUS, move.target().wire()).set(CampaignFields.UPDATED_AT, now);
    return Optional.ofNullable(
        mongo.findAndModify(
            CampaignFilters.moving(id, clientId, move),
            update,
            FindAndModifyOptions.options().returnNew(true),
            CampaignDocument.class));
  }

  private static Update claim(String dispatchId, Instant now) {
    return new Update()
        .set(CampaignFields.STATUS, CampaignMove.CLAIM_DUE.target().wire())
        .set(CampaignFields.DISPATCH_ID, dispatchId)
        .set(CampaignFields.DISPATCHED_AT, now)
        .set(CampaignFields.STARTED_AT, now)
        .set(CampaignFields.UPDATED_AT, now)
        .unset(CampaignFields.WORKER_ID)
        .unset(CampaignFields.LEASE_UNTIL)
        .unset(CampaignFields.RESUME_AT);
  }

  private static ClaimedCampaign claimed(CampaignState state, String dispatchId, Instant now) {
    return new ClaimedCampaign(state.id(), dispatchId, state.scheduledTime(), now);
  }

  /**
   * A dispatch is identified by campaign and {@code dispatchId} together (every worker write
   * filters on both), and each dispatch of a campaign, a recovery included, gets a new random one.
   */
  private static String newDispatchId() {
    return UUID.randomUUID().toString();
  }
}
