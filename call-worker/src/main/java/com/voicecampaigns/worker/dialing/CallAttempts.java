package com.voicecampaigns.worker.dialing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import java.time.Instant;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Call attempt documents. An attempt is claimed by inserting it: the unique index on campaign,
 * contact and attempt number makes a second claim of the same attempt fail, so only one worker ever
 * dials it.
 */
@Component
public class CallAttempts {

  private final MongoTemplate mongo;

  CallAttempts(MongoTemplate mongo) {
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
            .on(CallFields.STATUS, Sort.Direction.ASC));
  }

  /** Inserts the attempt as {@code dialing}; empty when another claim of it exists already. */
  public Optional<CallAttempt> claim(CallAttempt attempt) {
    try {
      return Optional.of(mongo.insert(attempt));
    } catch (DuplicateKeyException alreadyClaimed) {
      return Optional.empty();
    }
  }

  public static String newId() {
    return new ObjectId().toHexString();
  }

  public Optional<CallAttempt> find(String callId) {
    return Optional.ofNullable(mongo.findById(callId, CallAttempt.class));
  }

  public void dialed(String callId, String requestUuid) {
    mongo.updateFirst(
        new Query(where(CallFields.ID).is(callId)),
        new Update().set(CallFields.REQUEST_UUID, requestUuid),
        CallAttempt.class);
  }

  public void failed(String callId, String error, Instant at) {
    mongo.updateFirst(
        new Query(
            where(CallFields.ID).is(callId).and(CallFields.STATUS).is(CallStatus.DIALING.wire())),
        new Update()
            .set(CallFields.STATUS, CallStatus.FAILED.wire())
            .set(CallFields.ERROR, error)
            .set(CallFields.ENDED_AT, at),
        CallAttempt.class);
  }

  public long countActive(String campaignId) {
    return mongo.count(
        new Query(
            where(CallFields.CAMPAIGN_ID)
                .is(campaignId)
                .and(CallFields.STATUS)
                .in(
                    CallStatus.DIALING.wire(),
                    CallStatus.RINGING.wire(),
                    CallStatus.IN_PROGRESS.wire())),
        CallAttempt.class);
  }
}
