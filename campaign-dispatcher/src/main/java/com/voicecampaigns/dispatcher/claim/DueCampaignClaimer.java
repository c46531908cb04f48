package com.voicecampaigns.dispatcher.claim;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Claims due campaigns with one conditional update each: {@code scheduled} and due becomes {@code
 * running} with a new {@code dispatchId}. Two dispatchers racing for one campaign cannot both win,
 * because the second update no longer matches {@code status: scheduled}; and nothing starts early,
 * because the update itself re-checks {@code scheduledTime <= now}.
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

  /** Ids of up to {@code limit} due campaigns, the longest overdue first. */
  public List<Object> findDue(Instant now, int limit) {
    Query due = new Query(due(now)).with(Sort.by(CampaignFields.SCHEDULED_TIME)).limit(limit);
    due.fields().include(CampaignFields.ID);
    return mongo.find(due, Document.class, CampaignFields.COLLECTION).stream()
        .map(doc -> doc.get(CampaignFields.ID))
        .toList();
  }

  /** How many scheduled campaigns are due and not yet claimed (the backlog gauge). */
  public long countDue(Instant now) {
    return mongo.count(new Query(due(now)), CampaignFields.COLLECTION);
  }

  /**
   * Moves campaign {@code id} from scheduled to running if it is still scheduled and due; answers
   * the claim, or empty when someone else claimed it, it was rescheduled, cancelled or is not due.
   */
  public Optional<ClaimedCampaign> claim(Object id, Instant now) {
    Query stillDue = new Query(where(CampaignFields.ID).is(id).andOperator(due(now)));
    stillDue.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    String dispatchId = UUID.randomUUID().toString();
    Update claim =
        new Update()
            .set(CampaignFields.STATUS, CampaignStatus.RUNNING.wire())
            .set(CampaignFields.DISPATCH_ID, dispatchId)
            .set(CampaignFields.DISPATCHED_AT, now)
            .set(CampaignFields.STARTED_AT, now)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL)
            .unset(CampaignFields.RESUME_AT);
    Document claimed =
        mongo.findAndModify(
            stillDue,
            claim,
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            CampaignFields.COLLECTION);
    return Optional.ofNullable(claimed)
        .map(
            doc ->
                new ClaimedCampaign(
                    CampaignIds.text(doc.get(CampaignFields.ID)),
                    dispatchId,
                    doc.getDate(CampaignFields.SCHEDULED_TIME).toInstant(),
                    now));
  }

  private static Criteria due(Instant now) {
    return where(CampaignFields.STATUS)
        .is(CampaignStatus.SCHEDULED.wire())
        .and(CampaignFields.SCHEDULED_TIME)
        .lte(now);
  }
}
