package com.voicecampaigns.worker.completion;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.worker.call.CallAttempt;
import com.voicecampaigns.worker.call.CallAttempts;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.campaign.Campaigns;
import com.voicecampaigns.worker.lease.Lease;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Ends a running campaign: {@code completed} once no contact can still be dialled and no call is
 * active, or {@code failed} with a reason. Both are fenced by the lease, and both write the final
 * per-status counts into {@code stats}, recomputed from the call documents.
 */
@Component
public class CampaignCompletion {

  private static final Logger log = LoggerFactory.getLogger(CampaignCompletion.class);
  private static final List<CallStatus> COUNTED =
      Arrays.stream(CallStatus.values()).filter(Campaigns::counted).toList();

  private final MongoTemplate mongo;
  private final CallAttempts attempts;
  private final CallOutcomes outcomes;
  private final Clock clock;

  CampaignCompletion(
      MongoTemplate mongo, CallAttempts attempts, CallOutcomes outcomes, Clock clock) {
    this.mongo = mongo;
    this.attempts = attempts;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  /**
   * Completes the campaign if every contact has had its first attempt created and no attempt is
   * pending or active; answers whether it did. A retry is inserted before the attempt it follows
   * ends (see {@link CallOutcomes}), so this check cannot miss one.
   */
  public boolean completeIfDone(Lease lease) {
    if (attempts.countOpen(lease.campaignId()) > 0) {
      return false;
    }
    Instant now = clock.instant();
    Query done = lease.fence().addCriteria(where(CampaignFields.CONTACTS_EXHAUSTED).is(true));
    Update complete =
        new Update()
            .set(CampaignFields.STATUS, CampaignStatus.COMPLETED.wire())
            .set(CampaignFields.COMPLETED_AT, now)
            .set(CampaignFields.UPDATED_AT, now)
            .set(CampaignFields.STATS, stats(lease.campaignId()))
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL);
    if (mongo.updateFirst(done, complete, CampaignFields.COLLECTION).getModifiedCount() == 1) {
      log.info("campaign {} completed", lease.campaignId());
      return true;
    }
    return false;
  }

  /**
   * Fails a running campaign for a reason no retry can fix (Plivo refused the credentials, the list
   * is gone); its pending attempts are cancelled, live calls end on their own.
   */
  public boolean fail(Lease lease, String reason) {
    Instant now = clock.instant();
    Query running =
        new Query(
            where(CampaignFields.ID)
                .is(Lease.objectId(lease.campaignId()))
                .and(CampaignFields.STATUS)
                .is(CampaignStatus.RUNNING.wire())
                .and(CampaignFields.DISPATCH_ID)
                .is(lease.dispatchId()));
    Update fail =
        new Update()
            .set(CampaignFields.STATUS, CampaignStatus.FAILED.wire())
            .set(CampaignFields.FAILURE_REASON, reason)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL);
    boolean failed =
        mongo.updateFirst(running, fail, CampaignFields.COLLECTION).getModifiedCount() == 1;
    if (failed) {
      log.warn("campaign {} failed: {}", lease.campaignId(), reason);
      cancelPending(lease.campaignId(), "campaign failed: " + reason);
      mongo.updateFirst(
          new Query(where(CampaignFields.ID).is(Lease.objectId(lease.campaignId()))),
          new Update().set(CampaignFields.STATS, stats(lease.campaignId())),
          CampaignFields.COLLECTION);
    }
    return failed;
  }

  /** Cancels every attempt of the campaign that waits to be dialled. */
  public void cancelPending(String campaignId, String reason) {
    while (true) {
      List<CallAttempt> batch = attempts.pending(campaignId, 500);
      if (batch.isEmpty()) {
        return;
      }
      batch.forEach(attempt -> outcomes.cancelled(attempt, reason));
    }
  }

  private Document stats(String campaignId) {
    Document stats = new Document();
    attempts.countByStatus(campaignId, COUNTED).forEach((status, n) -> stats.put(status.wire(), n));
    return stats;
  }
}
