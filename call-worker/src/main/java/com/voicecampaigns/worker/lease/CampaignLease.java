package com.voicecampaigns.worker.lease;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.worker.WorkerProperties;
import java.time.Clock;
import java.time.Instant;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A worker's claim on a running campaign, fenced by the dispatch that started it. Taking, renewing
 * and releasing are conditional updates on the campaign document, so a stale {@code dispatchId} or
 * a live lease held by another worker makes them match nothing.
 */
@Component
public class CampaignLease {

  private final MongoTemplate mongo;
  private final WorkerProperties properties;
  private final Clock clock;

  CampaignLease(MongoTemplate mongo, WorkerProperties properties, Clock clock) {
    this.mongo = mongo;
    this.properties = properties;
    this.clock = clock;
  }

  /** Takes the lease for {@code dispatchId}; answers whether this worker now holds it. */
  public boolean take(String campaignId, String dispatchId) {
    Instant now = clock.instant();
    Query free =
        new Query(
            where(CampaignFields.ID)
                .is(campaignId)
                .and(CampaignFields.STATUS)
                .is(CampaignStatus.RUNNING.wire())
                .and(CampaignFields.DISPATCH_ID)
                .is(dispatchId)
                .orOperator(
                    where(CampaignFields.WORKER_ID).isNull(),
                    where(CampaignFields.WORKER_ID).is(properties.id()),
                    where(CampaignFields.LEASE_UNTIL).lt(now)));
    Update take =
        new Update()
            .set(CampaignFields.WORKER_ID, properties.id())
            .set(CampaignFields.LEASE_UNTIL, now.plus(properties.leaseDuration()))
            .unset(CampaignFields.RESUME_AT);
    return mongo.updateFirst(free, take, CampaignFields.COLLECTION).getModifiedCount() == 1;
  }

  /** Renews the lease; answers false when it was lost or the campaign stopped running. */
  public boolean renew(String campaignId, String dispatchId) {
    Instant now = clock.instant();
    return mongo
            .updateFirst(
                held(campaignId, dispatchId),
                new Update().set(CampaignFields.LEASE_UNTIL, now.plus(properties.leaseDuration())),
                CampaignFields.COLLECTION)
            .getModifiedCount()
        == 1;
  }

  /** Gives the lease up, so that the dispatcher can hand the campaign to another worker at once. */
  public void release(String campaignId, String dispatchId) {
    mongo.updateFirst(
        held(campaignId, dispatchId),
        new Update()
            .unset(CampaignFields.WORKER_ID)
            .set(CampaignFields.LEASE_UNTIL, clock.instant()),
        CampaignFields.COLLECTION);
  }

  private Query held(String campaignId, String dispatchId) {
    return new Query(
        Criteria.where(CampaignFields.ID)
            .is(campaignId)
            .and(CampaignFields.STATUS)
            .is(CampaignStatus.RUNNING.wire())
            .and(CampaignFields.DISPATCH_ID)
            .is(dispatchId)
            .and(CampaignFields.WORKER_ID)
            .is(properties.id()));
  }
}
