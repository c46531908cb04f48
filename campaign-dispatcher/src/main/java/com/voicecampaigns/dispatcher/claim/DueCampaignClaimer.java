package com.voicecampaigns.dispatcher.claim;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import java.util.Date;
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
 * Claims due campaigns with a conditional update: {@code scheduled} and due becomes {@code running}
 * with a new {@code dispatchId}. MongoDB applies the update to each document atomically and
 * re-evaluates the filter for it, so two dispatchers racing for one campaign cannot both win (the
 * second no longer matches {@code status: scheduled}), and nothing starts early (the update itself
 * re-checks {@code scheduledTime <= now}).
 *
 * <p>A batch is the first {@code batch-size} due campaigns in (scheduledTime, id) order. It is
 * claimed with one statement, bounded by the batch's last key rather than a list of ids (cheap on
 * any MongoDB, and on the in-memory test server too), and read back by its token: the campaigns a
 * batch claimed share that {@code dispatchId}. A dispatch is identified by campaign and {@code
 * dispatchId} together (every worker write filters on both), and each new dispatch of a campaign, a
 * recovery included, gets a new random token.
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
                .on(CampaignFields.SCHEDULED_TIME, Sort.Direction.ASC)
                .on(CampaignFields.ID, Sort.Direction.ASC));
    mongo
        .indexOps(CampaignFields.COLLECTION)
        .createIndex(new Index().on(CampaignFields.DISPATCH_ID, Sort.Direction.ASC));
  }

  /**
   * Claims the next batch of up to {@code limit} due campaigns; answers the ones this call claimed
   * (the others of the batch went to another dispatcher meanwhile), or empty when none is due.
   */
  public Optional<List<ClaimedCampaign>> claimNextBatch(Instant now, int limit) {
    Query next =
        new Query(due(now))
            .with(Sort.by(CampaignFields.SCHEDULED_TIME, CampaignFields.ID))
            .limit(limit);
    next.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    List<Document> batch = mongo.find(next, Document.class, CampaignFields.COLLECTION);
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    Document last = batch.get(batch.size() - 1);
    Date lastTime = last.getDate(CampaignFields.SCHEDULED_TIME);
    Criteria upToLast =
        new Criteria()
            .orOperator(
                where(CampaignFields.SCHEDULED_TIME).lt(lastTime),
                where(CampaignFields.SCHEDULED_TIME)
                    .is(lastTime)
                    .and(CampaignFields.ID)
                    .lte(last.get(CampaignFields.ID)));
    String dispatchId = UUID.randomUUID().toString();
    Query stillDue = new Query(due(now).andOperator(upToLast));
    if (mongo
            .updateMulti(stillDue, claim(dispatchId, now), CampaignFields.COLLECTION)
            .getModifiedCount()
        == 0) {
      return Optional.of(List.of());
    }
    Query claimedByThisCall = new Query(where(CampaignFields.DISPATCH_ID).is(dispatchId));
    claimedByThisCall.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    return Optional.of(
        mongo.find(claimedByThisCall, Document.class, CampaignFields.COLLECTION).stream()
            .map(doc -> claimed(doc, dispatchId, now))
            .toList());
  }

  /** How many scheduled campaigns are due and not yet claimed (the backlog gauge). */
  public long countDue(Instant now) {
    return mongo.count(new Query(due(now)), CampaignFields.COLLECTION);
  }

  /**
   * Moves every campaign of {@code ids} that is still scheduled and due to running, in one
   * conditional update; answers the ones this call claimed (others went to another dispatcher, or
   * were rescheduled or cancelled meanwhile).
   */
  public List<ClaimedCampaign> claimAll(List<Object> ids, Instant now) {
    String dispatchId = UUID.randomUUID().toString();
    Query stillDue = new Query(where(CampaignFields.ID).in(ids).andOperator(due(now)));
    if (mongo
            .updateMulti(stillDue, claim(dispatchId, now), CampaignFields.COLLECTION)
            .getModifiedCount()
        == 0) {
      return List.of();
    }
    Query claimedByThisCall =
        new Query(where(CampaignFields.ID).in(ids).and(CampaignFields.DISPATCH_ID).is(dispatchId));
    claimedByThisCall.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    return mongo.find(claimedByThisCall, Document.class, CampaignFields.COLLECTION).stream()
        .map(doc -> claimed(doc, dispatchId, now))
        .toList();
  }

  /**
   * Moves campaign {@code id} from scheduled to running if it is still scheduled and due; answers
   * the claim, or empty when someone else claimed it, it was rescheduled, cancelled or is not due.
   */
  public Optional<ClaimedCampaign> claim(Object id, Instant now) {
    Query stillDue = new Query(where(CampaignFields.ID).is(id).andOperator(due(now)));
    stillDue.fields().include(CampaignFields.ID, CampaignFields.SCHEDULED_TIME);
    String dispatchId = UUID.randomUUID().toString();
    Document claimed =
        mongo.findAndModify(
            stillDue,
            claim(dispatchId, now),
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            CampaignFields.COLLECTION);
    return Optional.ofNullable(claimed).map(doc -> claimed(doc, dispatchId, now));
  }

  private static Update claim(String dispatchId, Instant now) {
    return new Update()
        .set(CampaignFields.STATUS, CampaignStatus.RUNNING.wire())
        .set(CampaignFields.DISPATCH_ID, dispatchId)
        .set(CampaignFields.DISPATCHED_AT, now)
        .set(CampaignFields.STARTED_AT, now)
        .set(CampaignFields.UPDATED_AT, now)
        .unset(CampaignFields.WORKER_ID)
        .unset(CampaignFields.LEASE_UNTIL)
        .unset(CampaignFields.RESUME_AT);
  }

  private static ClaimedCampaign claimed(Document doc, String dispatchId, Instant now) {
    return new ClaimedCampaign(
        CampaignIds.text(doc.get(CampaignFields.ID)),
        dispatchId,
        doc.getDate(CampaignFields.SCHEDULED_TIME).toInstant(),
        now);
  }

  private static Criteria due(Instant now) {
    return where(CampaignFields.STATUS)
        .is(CampaignStatus.SCHEDULED.wire())
        .and(CampaignFields.SCHEDULED_TIME)
        .lte(now);
  }
}
