package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.call.CallAttemptStore;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Campaigns whose end time ({@code endTime}, Vapi's {@code latestAt}) has passed: no new call, the
 * contacts not yet reached end {@code expired}, and the campaign completes. One transition
 * (scheduled, running or paused → completed, {@link CampaignMove#END}) filtered on the end time, so
 * whoever gets there first (the dispatcher's pass or the worker that holds it) ends it once:
 *
 * <ul>
 *   <li>the campaign: completed, {@code completedAt} and {@code expiredAt} = now, no lease (a
 *       worker still dialling sees {@code completed} at its next status check and stops);
 *   <li>its pending attempts (retries not yet due): expired, counted;
 *   <li>its contacts without any attempt: no document is written for them; from {@code expiredAt}
 *       on the campaign's progress counts them {@code expired}.
 * </ul>
 *
 * Calls in flight at that moment finish and are counted as their callbacks arrive.
 */
public class CampaignEnds {

  /** The error of an attempt that expired because its campaign ended. */
  public static final String REASON = "the campaign's end time passed";

  private final MongoOperations mongo;
  private final CallAttemptStore attempts;

  public CampaignEnds(MongoOperations mongo, CallAttemptStore attempts) {
    this.mongo = mongo;
    this.attempts = attempts;
  }

  /**
   * Ends campaign {@code id} if its end time has passed at {@code now} and it is not finished;
   * answers whether this call ended it. For a worker, right when it finds the end time passed.
   */
  public boolean endIfPast(String id, Instant now) {
    if (!Ids.isValid(id)) {
      return false;
    }
    Query past = CampaignFilters.moving(id, CampaignMove.END);
    past.addCriteria(where(CampaignFields.END_TIME).lte(now));
    Update end =
        new Update()
            .set(CampaignFields.STATUS, CampaignMove.END.target().wire())
            .set(CampaignFields.COMPLETED_AT, now)
            .set(CampaignFields.EXPIRED_AT, now)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL)
            .unset(CampaignFields.RESUME_AT);
    if (mongo.updateFirst(past, end, CampaignFields.COLLECTION).getModifiedCount() == 0) {
      return false;
    }
    expireLeftovers(id, now);
    return true;
  }

  /**
   * Expires the pending attempts of a campaign its end time completed (again): an attempt a worker
   * put back in the queue after the end, having claimed it just before, is found by a second call.
   * Answers how many it expired.
   */
  public long expireLeftovers(String id, Instant now) {
    return attempts.expirePending(id, REASON, now);
  }

  /**
   * Ends every unfinished campaign whose end time has passed at {@code now}, {@code batch} read at
   * a time (the dispatcher's pass); answers how many this call ended.
   */
  public int endAllPast(Instant now, int batch) {
    int ended = 0;
    List<String> past = pastEnd(now, batch);
    while (!past.isEmpty()) {
      int before = ended;
      for (String id : past) {
        ended += endIfPast(id, now) ? 1 : 0;
      }
      if (ended == before) {
        return ended; // another process ends these; do not spin on them
      }
      past = pastEnd(now, batch);
    }
    return ended;
  }

  /**
   * Up to {@code limit} unfinished campaigns whose end time has passed at {@code now}, soonest
   * ended first (for the dispatcher's pass, which ends each with {@link #endIfPast}).
   */
  public List<String> pastEnd(Instant now, int limit) {
    Query past =
        new Query(
                where(CampaignFields.STATUS)
                    .in(CampaignMove.END.sourceWires())
                    .and(CampaignFields.END_TIME)
                    .lte(now))
            .limit(limit);
    past.fields().include(CampaignFields.ID);
    return mongo.find(past, Document.class, CampaignFields.COLLECTION).stream()
        .map(campaign -> Ids.text(campaign.get(CampaignFields.ID)))
        .toList();
  }
}
