package com.voicecampaigns.store.call;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.sort;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.campaign.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** What the services read about call attempts. */
public class CallAttemptReads {

  /** Statuses in which a call occupies a concurrency slot. */
  static final List<String> ACTIVE =
      List.of(CallStatus.DIALING.wire(), CallStatus.RINGING.wire(), CallStatus.IN_PROGRESS.wire());

  /** Statuses that keep a campaign from completing: active, or waiting to be dialled. */
  static final List<String> OPEN =
      List.of(
          CallStatus.PENDING.wire(),
          CallStatus.DIALING.wire(),
          CallStatus.RINGING.wire(),
          CallStatus.IN_PROGRESS.wire());

  private final MongoOperations mongo;

  public CallAttemptReads(MongoOperations mongo) {
    this.mongo = mongo;
  }

  public Optional<CallAttemptDocument> find(String callId) {
    return Optional.ofNullable(mongo.findById(callId, CallAttemptDocument.class));
  }

  /** The attempts of these ids that exist. */
  public List<CallAttemptDocument> findAll(Collection<String> callIds) {
    return mongo.find(new Query(where(CallFields.ID).in(callIds)), CallAttemptDocument.class);
  }

  /** The call whose id is {@code callId}, stored as an ObjectId or as text. */
  public Optional<CallAttemptDocument> findAny(String callId) {
    List<Object> ids = new ArrayList<>(List.of(callId));
    if (Ids.isValid(callId)) {
      ids.add(Ids.stored(callId));
    }
    return Optional.ofNullable(
        mongo.findOne(
            new Query(where(CallFields.ID).in(ids)),
            CallAttemptDocument.class,
            CallFields.COLLECTION));
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
   * Attempts of the campaign that another dispatch or worker claimed and never heard Plivo answer
   * for: their outcome is unknown.
   */
  public List<CallAttemptDocument> orphans(Lease lease) {
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
    return mongo.find(new Query(criteria), CallAttemptDocument.class);
  }

  /** Active attempts of the campaign last sent to Plivo before {@code cutoff}. */
  public List<CallAttemptDocument> activeSince(String campaignId, Instant cutoff) {
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
    return mongo.find(new Query(criteria), CallAttemptDocument.class);
  }

  /** Up to {@code limit} pending attempts of the campaign (for cancelling them). */
  public List<CallAttemptDocument> pending(String campaignId, int limit) {
    return mongo.find(
        new Query(
                where(CallFields.CAMPAIGN_ID)
                    .is(campaignId)
                    .and(CallFields.STATUS)
                    .is(CallStatus.PENDING.wire()))
            .limit(limit),
        CallAttemptDocument.class);
  }

  public long countActive(String campaignId) {
    return countActive(List.of(campaignId));
  }

  public long countActive(Collection<String> campaignIds) {
    if (campaignIds.isEmpty()) {
      return 0;
    }
    return mongo.count(
        new Query(where(CallFields.CAMPAIGN_ID).in(campaignIds).and(CallFields.STATUS).in(ACTIVE)),
        CallAttemptDocument.class);
  }

  /**
   * Attempts that still keep the campaign open, in one query: pending or active, or {@code unknown}
   * since {@code unknownSince} or later (their callbacks, and with them a retry, may still come).
   */
  public long countOpen(String campaignId, Instant unknownSince) {
    Criteria open =
        where(CallFields.CAMPAIGN_ID)
            .is(campaignId)
            .orOperator(
                where(CallFields.STATUS).in(OPEN),
                where(CallFields.STATUS)
                    .is(CallStatus.UNKNOWN.wire())
                    .and(CallFields.UNKNOWN_SINCE)
                    .gte(unknownSince));
    return mongo.count(new Query(open), CallAttemptDocument.class);
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

  /** One page of the campaign's attempts, newest first, of {@code status} ({@code null}: any). */
  public List<CallAttemptDocument> page(
      String campaignId, CallStatus status, long offset, int limit) {
    Query query =
        byCampaign(campaignId, status)
            .with(Sort.by(Sort.Direction.DESC, CallFields.CREATED_AT).and(Sort.by(CallFields.ID)))
            .skip(offset)
            .limit(limit);
    return mongo.find(query, CallAttemptDocument.class);
  }

  /** How many attempts the campaign has of {@code status} ({@code null}: any). */
  public long count(String campaignId, CallStatus status) {
    return mongo.count(byCampaign(campaignId, status), CallFields.COLLECTION);
  }

  /**
   * The campaign's contacts counted by the status of their latest attempt. The aggregation walks
   * the campaign's calls: for one campaign's view, not for lists of campaigns.
   */
  public Map<String, Long> contactsByLatestStatus(String campaignId) {
    var latestByContact =
        newAggregation(
            match(where(CallFields.CAMPAIGN_ID).is(campaignId)),
            sort(
                Sort.by(Sort.Direction.ASC, CallFields.CONTACT_ID)
                    .and(Sort.by(Sort.Direction.DESC, CallFields.ATTEMPT))),
            group(CallFields.CONTACT_ID).first(CallFields.STATUS).as(CallFields.STATUS),
            group(CallFields.STATUS).count().as("contacts"));
    Map<String, Long> byStatus = new TreeMap<>();
    for (Document row :
        mongo
            .aggregate(latestByContact, CallFields.COLLECTION, Document.class)
            .getMappedResults()) {
      byStatus.put(String.valueOf(row.get("_id")), ((Number) row.get("contacts")).longValue());
    }
    return byStatus;
  }

  private static Query byCampaign(String campaignId, CallStatus status) {
    Criteria criteria = where(CallFields.CAMPAIGN_ID).is(campaignId);
    if (status != null) {
      criteria.and(CallFields.STATUS).is(status.wire());
    }
    return new Query(criteria);
  }
}
