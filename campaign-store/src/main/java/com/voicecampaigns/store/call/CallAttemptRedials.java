package com.voicecampaigns.store.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * An operator's redials of {@code unknown} attempts (whose Make-Call request may or may not have
 * placed a call): which are left to redial, and the redial itself, a new attempt, never a re-send.
 */
public class CallAttemptRedials {

  private final MongoOperations mongo;
  private final CallAttemptStore attempts;

  public CallAttemptRedials(MongoOperations mongo, CallAttemptStore attempts) {
    this.mongo = mongo;
    this.attempts = attempts;
  }

  /**
   * Up to {@code limit} {@code unknown} attempts of the campaign that no operator redialled yet,
   * oldest first.
   */
  public List<CallAttemptDocument> unknownNotRedialed(String campaignId, int limit) {
    Query query =
        new Query(
                where(CallFields.CAMPAIGN_ID)
                    .is(campaignId)
                    .and(CallFields.STATUS)
                    .is(CallStatus.UNKNOWN.wire())
                    .and(CallFields.REDIALED_AS)
                    .isNull())
            .with(Sort.by(CallFields.CREATED_AT, CallFields.ID))
            .limit(limit);
    return mongo.find(query, CallAttemptDocument.class);
  }

  /**
   * An operator's redial of an {@code unknown} attempt: a new attempt for the same contact (the
   * next number), pending from {@code now}, never a re-send of the old request. The old attempt
   * stays {@code unknown} and records the new one's id in {@code redialedAs}, so it is redialled
   * once. The new attempt is inserted first, so a crash in between leaves it to a second redial to
   * mark the old one; should a late callback reconcile the old attempt meanwhile (the call did go
   * out after all), the new one is cancelled again if it is still pending.
   *
   * @return the new attempt; empty when the attempt is no longer an unredialled {@code unknown} or
   *     its contact has a later attempt already (then marked with that one)
   */
  public Optional<CallAttemptDocument> redial(CallAttemptDocument unknown, Instant now) {
    if (unknown.status() != CallStatus.UNKNOWN || unknown.redialedAs() != null) {
      return Optional.empty();
    }
    CallAttemptDocument next = unknown.retry(now, now);
    boolean inserted = attempts.insert(next);
    String redialedAs = inserted ? next.id() : laterAttemptId(unknown);
    // still unknown, and not redialled yet or (a concurrent redial that lost the insert marked it
    // first) redialled as this very attempt
    Query unredialled =
        new Query(
            where(CallFields.ID)
                .is(unknown.id())
                .and(CallFields.STATUS)
                .is(CallStatus.UNKNOWN.wire())
                .orOperator(
                    where(CallFields.REDIALED_AS).isNull(),
                    where(CallFields.REDIALED_AS).is(redialedAs)));
    boolean marked =
        redialedAs != null
            && mongo
                    .updateFirst(
                        unredialled,
                        new Update().set(CallFields.REDIALED_AS, redialedAs),
                        CallAttemptDocument.class)
                    .getMatchedCount()
                == 1;
    if (!inserted) {
      return Optional.empty();
    }
    if (!marked) {
      attempts.cancel(
          next.id(), "the attempt it redialled was reconciled or redialled meanwhile", now);
      return Optional.empty();
    }
    return Optional.of(next);
  }

  private String laterAttemptId(CallAttemptDocument attempt) {
    Query later =
        new Query(
            where(CallFields.CAMPAIGN_ID)
                .is(attempt.campaignId())
                .and(CallFields.CONTACT_ID)
                .is(attempt.contactId())
                .and(CallFields.ATTEMPT)
                .is(attempt.attempt() + 1));
    CallAttemptDocument found = mongo.findOne(later, CallAttemptDocument.class);
    return found == null ? null : found.id();
  }
}
