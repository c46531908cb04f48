package com.voicecampaigns.worker.lease;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A worker's claim on a running campaign, fenced by the dispatch that started it. Taking, renewing
 * and releasing are conditional updates of the campaign document, so a stale {@code dispatchId} or
 * a live lease held by another worker makes them match nothing.
 */
@Component
public class CampaignLease {

  private static final Logger log = LoggerFactory.getLogger(CampaignLease.class);

  private final MongoTemplate mongo;
  private final WorkerProperties properties;
  private final WorkerMetrics metrics;
  private final Clock clock;

  CampaignLease(
      MongoTemplate mongo, WorkerProperties properties, WorkerMetrics metrics, Clock clock) {
    this.mongo = mongo;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Takes the lease for {@code dispatchId}: the campaign must be running under that dispatch, and
   * its lease free, expired or already this worker's. Empty when the event is stale or another
   * worker holds a live lease.
   */
  public Optional<Lease> take(String campaignId, String dispatchId) {
    Instant now = clock.instant();
    Query free =
        new Query(
            new Criteria()
                .andOperator(
                    where(CampaignFields.ID)
                        .is(Lease.objectId(campaignId))
                        .and(CampaignFields.STATUS)
                        .is(CampaignStatus.RUNNING.wire())
                        .and(CampaignFields.DISPATCH_ID)
                        .is(dispatchId),
                    new Criteria()
                        .orOperator(
                            where(CampaignFields.WORKER_ID).isNull(),
                            where(CampaignFields.WORKER_ID).is(properties.id()),
                            where(CampaignFields.LEASE_UNTIL).lte(now))));
    Update take =
        new Update()
            .set(CampaignFields.WORKER_ID, properties.id())
            .set(CampaignFields.LAST_WORKER_ID, properties.id())
            .set(CampaignFields.LEASE_UNTIL, now.plus(properties.leaseDuration()))
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
    if (previous != null && !previous.equals(properties.id())) {
      metrics.takeover();
      log.warn(
          "took campaign {} over from worker {}, which stopped without letting it go",
          campaignId,
          previous);
    }
    return Optional.of(new Lease(campaignId, dispatchId, properties.id()));
  }

  /** Extends the lease; false when it was lost or the campaign stopped running. */
  public boolean renew(Lease lease) {
    Instant now = clock.instant();
    return mongo
            .updateFirst(
                lease.fence(),
                new Update().set(CampaignFields.LEASE_UNTIL, now.plus(properties.leaseDuration())),
                CampaignFields.COLLECTION)
            .getMatchedCount()
        == 1;
  }

  /**
   * Records that this worker stopped dialling the campaign knowingly (paused, cancelled, finished,
   * released), so that the next worker to take it does not count a takeover.
   */
  public void letGo(String campaignId) {
    mongo.updateFirst(
        new Query(
            where(CampaignFields.ID)
                .is(Lease.objectId(campaignId))
                .and(CampaignFields.LAST_WORKER_ID)
                .is(properties.id())),
        new Update().unset(CampaignFields.LAST_WORKER_ID),
        CampaignFields.COLLECTION);
  }

  /**
   * Gives the lease up until {@code resumeAt}: the dispatcher hands the campaign to a worker again
   * once that time has come ({@code resumeAt = now} for "at once"). False when the lease was no
   * longer held.
   */
  public boolean release(Lease lease, Instant resumeAt) {
    return mongo
            .updateFirst(
                lease.fence(),
                new Update()
                    .unset(CampaignFields.WORKER_ID)
                    .unset(CampaignFields.LEASE_UNTIL)
                    .set(CampaignFields.RESUME_AT, resumeAt)
                    .set(CampaignFields.UPDATED_AT, clock.instant()),
                CampaignFields.COLLECTION)
            .getMatchedCount()
        == 1;
  }
}
