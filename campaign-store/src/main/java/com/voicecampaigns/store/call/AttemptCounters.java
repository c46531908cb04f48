package com.voicecampaigns.store.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Moves a campaign's progress counters for a change of one of its attempts, with one {@code $inc}
 * on the campaign document right after the change: {@code stats.<status>} counts attempts, {@code
 * contactStats.<status>} contacts by their latest attempt (an attempt superseded by a retry no
 * longer moves them). Each change is the single winner of a conditional update, so each is counted
 * once, whoever made it. The two writes are not one transaction: a process that dies between them,
 * or a write that MongoDB applied but whose answer was lost (a timeout), leaves the counters a
 * change behind; {@code CampaignCounters.repair} recounts them when the campaign's session ends.
 */
final class AttemptCounters {

  private final MongoOperations mongo;

  AttemptCounters(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /**
   * A new attempt in {@code attempt.status()}: one more attempt, and its contact's latest; {@code
   * previous} is the status the attempt it supersedes had when superseded ({@code null}: none, a
   * first attempt), whose contact it takes over.
   */
  void inserted(CallAttemptDocument attempt, CallStatus previous) {
    Counts counts = new Counts();
    counts.add(CampaignFields.STATS, attempt.status(), 1);
    counts.add(CampaignFields.CONTACT_STATS, attempt.status(), 1);
    if (previous != null) {
      counts.add(CampaignFields.CONTACT_STATS, previous, -1);
    }
    apply(attempt.campaignId(), counts);
  }

  /** {@code n} attempts of the campaign moved from {@code from} to {@code to}. */
  void moved(String campaignId, CallStatus from, CallStatus to, boolean superseded, long n) {
    if (from == to || n == 0) {
      return;
    }
    Counts counts = new Counts();
    counts.add(CampaignFields.STATS, from, -n);
    counts.add(CampaignFields.STATS, to, n);
    if (!superseded) {
      counts.add(CampaignFields.CONTACT_STATS, from, -n);
      counts.add(CampaignFields.CONTACT_STATS, to, n);
    }
    apply(campaignId, counts);
  }

  private void apply(String campaignId, Counts counts) {
    Update update = new Update();
    counts.deltas.forEach(
        (field, delta) -> {
          if (delta != 0) {
            update.inc(field, delta);
          }
        });
    if (!update.getUpdateObject().isEmpty()) {
      update.inc(CampaignFields.COUNTER_WRITES, 1);
      mongo.updateFirst(
          new Query(where(CampaignFields.ID).is(Ids.stored(campaignId))),
          update,
          CampaignFields.COLLECTION);
    }
  }

  /** Deltas by counter field, summed (one {@code $inc} may name a field once). */
  private static final class Counts {
    final Map<String, Long> deltas = new HashMap<>();

    void add(String counters, CallStatus status, long delta) {
      deltas.merge(counters + "." + status.wire(), delta, Long::sum);
    }
  }
}
