package com.voicecampaigns.dispatcher.claim;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Claims due campaigns with one conditional update each: {@code scheduled} and due becomes {@code
 * running} with a new {@code dispatchId}. Two dispatchers racing for one campaign cannot both win,
 * because the second update no longer matches {@code status: scheduled}.
 */
@Component
public class DueCampaignClaimer {

  private final MongoTemplate mongo;

  DueCampaignClaimer(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(CampaignFields.COLLECTION)
        .createIndex(
            new Index()
                .on(CampaignFields.STATUS, Sort.Direction.ASC)
                .on(CampaignFields.SCHEDULED_TIME, Sort.Direction.ASC));
  }

  public Optional<ClaimedCampaign> claimNextDue(Instant now) {
    Query due =
        new Query(
                where(CampaignFields.STATUS)
                    .is(CampaignStatus.SCHEDULED.wire())
                    .and(CampaignFields.SCHEDULED_TIME)
                    .lte(now))
            .with(Sort.by(CampaignFields.SCHEDULED_TIME));
    due.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    String dispatchId = UUID.randomUUID().toString();
    Update claim =
        new Update()
            .set(CampaignFields.STATUS, CampaignStatus.RUNNING.wire())
            .set(CampaignFields.DISPATCH_ID, dispatchId)
            .set(CampaignFields.DISPATCHED_AT, now)
            .set(CampaignFields.STARTED_AT, now)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL);
    Document claimed =
        mongo.findAndModify(
            due,
            claim,
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            CampaignFields.COLLECTION);
    return Optional.ofNullable(claimed)
        .map(
            doc ->
                new ClaimedCampaign(
                    doc.getObjectId(CampaignFields.ID).toHexString(),
                    dispatchId,
                    doc.getDate(CampaignFields.SCHEDULED_TIME).toInstant(),
                    now));
  }
}
