package com.voicecampaigns.dispatcher.recovery;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.claim.CampaignIds;
import com.voicecampaigns.dispatcher.claim.CampaignStartPublisher;
import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Hands running campaigns that nobody owns to a new dispatch: a new {@code dispatchId} (which
 * fences off whoever held the old one), {@code dispatchedAt = now}, no worker, no lease, no {@code
 * resumeAt}, and a new {@code CampaignStart}. The update filters on the reason and on the old
 * {@code dispatchId}, so two dispatchers cannot both recover one campaign, and a worker that takes
 * or renews its lease in the meantime wins.
 */
@Service
public class UnownedCampaignRecoverer {

  private static final Logger log = LoggerFactory.getLogger(UnownedCampaignRecoverer.class);

  private final MongoTemplate mongo;
  private final CampaignStartPublisher publisher;
  private final DispatcherMetrics metrics;
  private final DispatcherProperties properties;
  private final Clock clock;

  UnownedCampaignRecoverer(
      MongoTemplate mongo,
      CampaignStartPublisher publisher,
      DispatcherMetrics metrics,
      DispatcherProperties properties,
      Clock clock) {
    this.mongo = mongo;
    this.publisher = publisher;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
    for (Recoverability reason : Recoverability.values()) {
      metrics.declareRecoveryReason(reason.tag());
    }
    mongo
        .indexOps(CampaignFields.COLLECTION)
        .createIndex(
            new Index()
                .on(CampaignFields.STATUS, Sort.Direction.ASC)
                .on(CampaignFields.DISPATCHED_AT, Sort.Direction.ASC));
  }

  /**
   * Recovers every unowned running campaign, batch by batch, until none is left or {@code deadline}
   * has passed; answers how many this call recovered.
   */
  public int recoverAll(Instant deadline) {
    int recovered = 0;
    for (Recoverability reason : Recoverability.values()) {
      while (clock.instant().isBefore(deadline)) {
        Instant now = clock.instant();
        Query unowned = new Query(running().andOperator(criteria(reason, now)));
        unowned.fields().include(CampaignFields.ID, CampaignFields.DISPATCH_ID);
        List<Document> batch =
            mongo.find(
                unowned.limit(properties.batchSize()), Document.class, CampaignFields.COLLECTION);
        int before = recovered;
        for (Document campaign : batch) {
          if (recover(
              campaign.get(CampaignFields.ID),
              campaign.getString(CampaignFields.DISPATCH_ID),
              reason)) {
            recovered++;
          }
        }
        if (batch.isEmpty() || recovered == before) {
          break; // nothing left, or the rest went to another dispatcher or back to its worker
        }
      }
    }
    return recovered;
  }

  /**
   * Recovers one running campaign, if it is unowned now ({@code CampaignScheduled} from a worker
   * that released it, or a timer at its {@code resumeAt}); answers whether this call recovered it.
   */
  public boolean recoverIfUnowned(Object campaignId, String dispatchId) {
    for (Recoverability reason : Recoverability.values()) {
      if (recover(campaignId, dispatchId, reason)) {
        return true;
      }
    }
    return false;
  }

  private boolean recover(Object id, String oldDispatchId, Recoverability reason) {
    Instant now = clock.instant();
    Query stillUnowned =
        new Query(
            where(CampaignFields.ID)
                .is(id)
                .and(CampaignFields.DISPATCH_ID)
                .is(oldDispatchId)
                .andOperator(running(), criteria(reason, now)));
    String dispatchId = UUID.randomUUID().toString();
    Update redispatch =
        new Update()
            .set(CampaignFields.DISPATCH_ID, dispatchId)
            .set(CampaignFields.DISPATCHED_AT, now)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL)
            .unset(CampaignFields.RESUME_AT);
    if (mongo.updateFirst(stillUnowned, redispatch, CampaignFields.COLLECTION).getModifiedCount()
        == 0) {
      return false;
    }
    metrics.recovered(reason.tag());
    String campaignId = CampaignIds.text(id);
    try (var c = MDC.putCloseable("campaignId", campaignId);
        var d = MDC.putCloseable("dispatchId", dispatchId)) {
      boolean published = publisher.publish(campaignId, dispatchId, now);
      log.info(
          "campaign recovered ({}), replacing dispatch {}{}",
          reason.tag(),
          oldDispatchId,
          published ? "" : ", its start event is pending recovery");
    }
    return true;
  }

  private static Criteria running() {
    return where(CampaignFields.STATUS).is(CampaignStatus.RUNNING.wire());
  }

  private Criteria criteria(Recoverability reason, Instant now) {
    return reason.criteria(now, properties.startTimeout());
  }
}
