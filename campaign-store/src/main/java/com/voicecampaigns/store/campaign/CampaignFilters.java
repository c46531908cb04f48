package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import java.time.Instant;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** The filters of the campaign transitions: a move's sources, plus the lease's fence. */
final class CampaignFilters {

  private CampaignFilters() {}

  /** Campaign {@code id} while it is in one of {@code move}'s sources. */
  static Query moving(String id, CampaignMove move) {
    return new Query(byId(id).and(CampaignFields.STATUS).in(move.sourceWires()));
  }

  /**
   * Campaign {@code id} of tenant {@code clientId} while it is in one of {@code move}'s sources.
   */
  static Query moving(String id, String clientId, CampaignMove move) {
    return new Query(
        byId(id)
            .and(CampaignFields.CLIENT_ID)
            .is(clientId)
            .and(CampaignFields.STATUS)
            .in(move.sourceWires()));
  }

  /**
   * The lease's campaign while it is in one of {@code move}'s sources under this very lease: same
   * dispatch, same worker.
   */
  static Query fenced(Lease lease, CampaignMove move) {
    return new Query(
        byId(lease.campaignId())
            .and(CampaignFields.STATUS)
            .in(move.sourceWires())
            .and(CampaignFields.DISPATCH_ID)
            .is(lease.dispatchId())
            .and(CampaignFields.WORKER_ID)
            .is(lease.workerId()));
  }

  /**
   * Campaigns a claim may start at {@code now}: scheduled, due, and not past their end time (those
   * are {@link CampaignEnds}' to complete).
   */
  static Criteria due(Instant now) {
    return where(CampaignFields.STATUS)
        .in(CampaignMove.CLAIM_DUE.sourceWires())
        .and(CampaignFields.SCHEDULED_TIME)
        .lte(now)
        .orOperator(notEndedAlternatives(now));
  }

  /** Campaigns without an end time, or whose end time is after {@code now}. */
  static Criteria notEnded(Instant now) {
    return new Criteria().orOperator(notEndedAlternatives(now));
  }

  private static Criteria[] notEndedAlternatives(Instant now) {
    return new Criteria[] {
      where(CampaignFields.END_TIME).isNull(), where(CampaignFields.END_TIME).gt(now)
    };
  }

  static Criteria byId(String id) {
    return where(CampaignFields.ID).is(Ids.stored(id));
  }
}
