package com.voicecampaigns.worker.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.worker.lease.Lease;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Call attempt documents. An attempt is claimed by inserting it (or by moving a {@code pending} one
 * to {@code dialing}): the unique index on campaign, contact and attempt number makes a second
 * claim of the same attempt fail, so only one worker ever dials it.
 */
@Component
public class CallAttempts {

  /** Statuses in which a call occupies a concurrency slot. */
  public static final List<String> ACTIVE =
      List.of(CallStatus.DIALING.wire(), CallStatus.RINGING.wire(), CallStatus.IN_PROGRESS.wire());

  /** Statuses that keep a campaign from completing: active, or waiting to be dialled. */
  static final List<String> OPEN =
      List.of(
          CallStatus.PENDING.wire(),
          CallStatus.DIALING.wire(),
          CallStatus.RINGING.wire(),
          CallStatus.IN_PROGRESS.wire());

  private final MongoTemplate mongo;

  public CallAttempts(MongoTemplate mongo) {
    this.mongo = mongo;
    var index = mongo.indexOps(CallAttempt.class);
    index.createIndex(
        new Index()
            .on(CallFields.CAMPAIGN_ID, Sort.Direction.ASC)
            .on(CallFields.CONTACT_ID, Sort.Direction.ASC)
            .on(CallFields.ATTEMPT, Sort.Direction.ASC)
            .unique());
    index.createIndex(
        new Index()
            .on(CallFields.CAMPAIGN_ID, Sort.Direction.ASC)
            .on(CallFields.STATUS, Sort.Direction.ASC)
            .on(CallFields.NOT_BEFORE, Sort.Direction.ASC));
    index.createIndex(
        new Index()
            .on(CallFields.CAMPAIGN_ID, Sort.Direction.ASC)
            .on(CallFields.DIALED_AT, Sort.Direction.DESC));
  }

  /** Inserts the attempt; false when another claim of it exists already. */
  public boolean insert(CallAttempt attempt) {
    try {
      mongo.insert(attempt);
      return true;
    } catch (DuplicateKeyException alreadyClaimed) {
      return false;
    }
  }

  public Optional<CallAttempt> find(String callId) {
    return Optional.ofNullable(mongo.findById(callId, CallAttempt.class));
  }

  /** Which of {@code contactIds} have a first attempt in the campaign already. */
  public Set<String> contactsWithFirstAttempt(String campaignId, Collection<String> contactIds) {
    Query query =
        new Query(
            where(CallFields.CAMPAIGN_ID)
                .is(campaignId)
                .and(CallFields.CONTACT_ID)
                .in(contactIds)
                .and(CallFields.ATTEMPT)
                .is(1));
    query.fields().include(CallFields.CONTACT_ID);
    Set<String> found = new HashSet<>();
    for (Document doc : mongo.find(query, Document.class, CallFields.COLLECTION)) {
      found.add(doc.getString(CallFields.CONTACT_ID));
    }
    return found;
  }

  /** Claims the pending attempt that has been due longest, for dialling under {@code lease}. */
  public Optional<CallAttempt> claimDuePending(Lease lease, Instant now) {
    Query due =
        new Query(
                where(CallFields.CAMPAIGN_ID)
                    .is(lease.campaignId())
                    .and(CallFields.STATUS)
                    .is(CallStatus.PENDING.wire())
                    .and(CallFields.NOT_BEFORE)
                    .lte(now))
            .with(Sort.by(CallFields.NOT_BEFORE));
    Update claim =
        new Update()
            .set(CallFields.STATUS, CallStatus.DIALING.wire())
            .set(CallFields.DISPATCH_ID, lease.dispatchId())
            .set(CallFields.WORKER_ID, lease.workerId());
    return Optional.ofNullable(
        mongo.findAndModify(
            due, claim, FindAndModifyOptions.options().returnNew(true), CallAttempt.class));
  }

  /** When the earliest pending attempt of the campaign becomes due, if there is one. */
  public Optional<Instant> earliestPending(String campaignId) {
    Query query =
        new Query(
                where(CallFields.CAMPAIGN_ID)
                    .is(campaignId)
                    .and(CallFields.STATUS)
                    .is(CallStatus.PENDING.wire()))
            .with(Sort.by(CallFields.NOT_BEFORE))
            .limit(1);
    query.fields().include(CallFields.NOT_BEFORE);
    return Optional.ofNullable(mongo.findOne(query, Document.class, CallFields.COLLECTION))
        .map(doc -> doc.getDate(CallFields.NOT_BEFORE).toInstant());
  }

  /**
   * Hands a claimed attempt that was not sent to Plivo back to the queue, due at {@code notBefore}
   * (the calling window's next opening, or now after a pause).
   */
  public boolean requeue(String callId, Instant notBefore) {
    return mongo
            .updateFirst(
                new Query(
                    where(CallFields.ID)
                        .is(callId)
                        .and(CallFields.STATUS)
                        .is(CallStatus.DIALING.wire())
                        .and(CallFields.REQUEST_UUID)
                        .isNull()),
                new Update()
                    .set(CallFields.STATUS, CallStatus.PENDING.wire())
                    .set(CallFields.NOT_BEFORE, notBefore)
                    .unset(CallFields.DISPATCH_ID)
                    .unset(CallFields.WORKER_ID),
                CallAttempt.class)
            .getModifiedCount()
        == 1;
  }

  /**
   * Records a Make-Call request sent for the attempt at {@code sentAt}; written after the request,
   * so that nothing delays the request once its checks passed.
   */
  public void requested(String callId, Instant sentAt) {
    mongo.updateFirst(
        new Query(where(CallFields.ID).is(callId)),
        new Update().set(CallFields.DIALED_AT, sentAt).inc(CallFields.PLIVO_REQUESTS, 1),
        CallAttempt.class);
  }

  /** Stores Plivo's {@code request_uuid}; the status stays as callbacks may already have set it. */
  public void dialed(String callId, String requestUuid) {
    mongo.updateFirst(
        new Query(where(CallFields.ID).is(callId)),
        new Update().set(CallFields.REQUEST_UUID, requestUuid),
        CallAttempt.class);
  }

  /**
   * Whether a ring, answer or hangup callback for the attempt has arrived: proof that Plivo placed
   * the call although its answer to the request was lost.
   */
  public boolean callbackArrived(String callId) {
    return find(callId)
        .map(call -> call.status() != CallStatus.DIALING || call.callUuid() != null)
        .orElse(false);
  }

  /**
   * Moves an attempt from one of {@code from} to {@code to} when its call id matches; answers the
   * attempt as it was before, or empty when it was not in one of {@code from} (another callback or
   * worker got there first).
   */
  public Optional<CallAttempt> transition(
      String callId, Collection<CallStatus> from, CallStatus to, Update details) {
    Criteria criteria =
        where(CallFields.ID)
            .is(callId)
            .and(CallFields.STATUS)
            .in(from.stream().map(CallStatus::wire).toList());
    return transition(new Query(criteria), to, details);
  }

  /** Like {@link #transition(String, Collection, CallStatus, Update)} with a custom filter. */
  public Optional<CallAttempt> transition(Query filter, CallStatus to, Update details) {
    Update update = details.set(CallFields.STATUS, to.wire());
    return Optional.ofNullable(
        mongo.findAndModify(
            filter, update, FindAndModifyOptions.options().returnNew(false), CallAttempt.class));
  }

  /**
   * Attempts of the campaign that another dispatch or worker claimed and never heard Plivo answer
   * for: their outcome is unknown.
   */
  public List<CallAttempt> orphans(Lease lease) {
    Criteria criteria =
        where(CallFields.CAMPAIGN_ID)
            .is(lease.campaignId())
            .and(CallFields.STATUS)
            .is(CallStatus.DIALING.wire())
            .and(CallFields.REQUEST_UUID)
            .isNull()
            .orOperator(
                where(CallFields.DISPATCH_ID).ne(lease.dispatchId()),
                where(CallFields.WORKER_ID).ne(lease.workerId()));
    return mongo.find(new Query(criteria), CallAttempt.class);
  }

  /** Active attempts of the campaign last sent to Plivo before {@code cutoff}. */
  public List<CallAttempt> activeSince(String campaignId, Instant cutoff) {
    Criteria criteria =
        where(CallFields.CAMPAIGN_ID)
            .is(campaignId)
            .and(CallFields.STATUS)
            .in(ACTIVE)
            .orOperator(
                where(CallFields.DIALED_AT).lt(cutoff),
                new Criteria()
                    .andOperator(
                        where(CallFields.DIALED_AT).isNull(),
                        where(CallFields.CREATED_AT).lt(cutoff)));
    return mongo.find(new Query(criteria), CallAttempt.class);
  }

  /** Pending attempts of the campaign (for cancelling them). */
  public List<CallAttempt> pending(String campaignId, int limit) {
    return mongo.find(
        new Query(
                where(CallFields.CAMPAIGN_ID)
                    .is(campaignId)
                    .and(CallFields.STATUS)
                    .is(CallStatus.PENDING.wire()))
            .limit(limit),
        CallAttempt.class);
  }

  public long countActive(String campaignId) {
    return mongo.count(
        new Query(where(CallFields.CAMPAIGN_ID).is(campaignId).and(CallFields.STATUS).in(ACTIVE)),
        CallAttempt.class);
  }

  public long countActive(Collection<String> campaignIds) {
    if (campaignIds.isEmpty()) {
      return 0;
    }
    return mongo.count(
        new Query(where(CallFields.CAMPAIGN_ID).in(campaignIds).and(CallFields.STATUS).in(ACTIVE)),
        CallAttempt.class);
  }

  /** Attempts that still keep the campaign open: pending or active, in one query. */
  public long countOpen(String campaignId) {
    return mongo.count(
        new Query(where(CallFields.CAMPAIGN_ID).is(campaignId).and(CallFields.STATUS).in(OPEN)),
        CallAttempt.class);
  }

  /** When the campaign last sent a Make-Call request, to pace a campaign taken over. */
  public Optional<Instant> lastDialedAt(String campaignId) {
    Query query =
        new Query(where(CallFields.CAMPAIGN_ID).is(campaignId).and(CallFields.DIALED_AT).ne(null))
            .with(Sort.by(Sort.Direction.DESC, CallFields.DIALED_AT))
            .limit(1);
    query.fields().include(CallFields.DIALED_AT);
    return Optional.ofNullable(mongo.findOne(query, Document.class, CallFields.COLLECTION))
        .map(doc -> doc.getDate(CallFields.DIALED_AT).toInstant());
  }

  /** Attempts per status, for the final counts of a campaign. */
  public Map<CallStatus, Long> countByStatus(String campaignId, Collection<CallStatus> statuses) {
    Map<CallStatus, Long> counts = new EnumMap<>(CallStatus.class);
    for (CallStatus status : statuses) {
      long count =
          mongo.count(
              new Query(
                  where(CallFields.CAMPAIGN_ID)
                      .is(campaignId)
                      .and(CallFields.STATUS)
                      .is(status.wire())),
              CallAttempt.class);
      if (count > 0) {
        counts.put(status, count);
      }
    }
    return counts;
  }
}
