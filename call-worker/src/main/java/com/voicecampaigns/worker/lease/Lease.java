package com.voicecampaigns.worker.lease;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A held lease: this worker dials {@code campaignId} for dispatch {@code dispatchId}. Every write
 * the worker makes on behalf of the lease filters on {@link #fence()}, so a paused, cancelled or
 * re-dispatched campaign, or one taken over by another worker, ignores it.
 */
public record Lease(String campaignId, String dispatchId, String workerId) {

  /** Matches the campaign only while it is running under this very lease. */
  public Query fence() {
    return new Query(
        where(CampaignFields.ID)
            .is(objectId(campaignId))
            .and(CampaignFields.STATUS)
            .is(CampaignStatus.RUNNING.wire())
            .and(CampaignFields.DISPATCH_ID)
            .is(dispatchId)
            .and(CampaignFields.WORKER_ID)
            .is(workerId));
  }

  /** The campaign id as stored; ids that are not ObjectId hex stay strings (and match nothing). */
  public static Object objectId(String id) {
    return ObjectId.isValid(id) ? new ObjectId(id) : id;
  }
}
