package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Why a running campaign has no live lease. Each reason is a filter on the campaign document; the
 * recovering update repeats it, so the check and the takeover are one atomic step.
 */
public enum Recoverability {
  /** The start was never taken: the publication was lost, or the process died before it. */
  START_TIMEOUT("start-timeout") {
    @Override
    Criteria criteria(Instant now, Duration startTimeout) {
      return where(CampaignFields.WORKER_ID)
          .isNull()
          .and(CampaignFields.RESUME_AT)
          .isNull()
          .and(CampaignFields.DISPATCHED_AT)
          .lte(now.minus(startTimeout));
    }
  },
  /** The worker stopped renewing its lease: it died. */
  LEASE_EXPIRED("lease-expired") {
    @Override
    Criteria criteria(Instant now, Duration startTimeout) {
      return where(CampaignFields.WORKER_ID).ne(null).and(CampaignFields.LEASE_UNTIL).lte(now);
    }
  },
  /**
   * Running in a shape no worker or dispatcher leaves behind: without {@code dispatchedAt}
   * (imported from the old service, or edited by hand), or with a worker but no {@code leaseUntil}.
   * No other reason would ever move it.
   */
  STRANDED("stranded") {
    @Override
    Criteria criteria(Instant now, Duration startTimeout) {
      return new Criteria()
          .orOperator(
              where(CampaignFields.WORKER_ID).isNull().and(CampaignFields.DISPATCHED_AT).isNull(),
              where(CampaignFields.WORKER_ID).ne(null).and(CampaignFields.LEASE_UNTIL).isNull());
    }
  },
  /**
   * The worker released the campaign until {@code resumeAt}: a calling window reopening, a graceful
   * shutdown, or a resume after pause (the API sets {@code resumeAt = now}).
   */
  RELEASED("released") {
    @Override
    Criteria criteria(Instant now, Duration startTimeout) {
      return where(CampaignFields.WORKER_ID).isNull().and(CampaignFields.RESUME_AT).lte(now);
    }
  };

  private final String tag;

  Recoverability(String tag) {
    this.tag = tag;
  }

  /** The reason as metrics and logs name it. */
  public String tag() {
    return tag;
  }

  abstract Criteria criteria(Instant now, Duration startTimeout);
}
