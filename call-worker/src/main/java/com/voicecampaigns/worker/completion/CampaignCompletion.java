package com.voicecampaigns.worker.completion;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.campaign.CampaignLeases;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends a running campaign: {@code completed} once no contact can still be dialled and no call is
 * active, or {@code failed} with a reason. Both are fenced by the lease, and both write the final
 * per-status counts into {@code stats}, recomputed from the call documents.
 */
@Component
public class CampaignCompletion {

  private static final Logger log = LoggerFactory.getLogger(CampaignCompletion.class);

  private final CampaignLeases leases;
  private final CallAttemptReads attempts;
  private final CallOutcomes outcomes;
  private final Duration unknownHold;
  private final Clock clock;

  CampaignCompletion(
      CampaignLeases leases,
      CallAttemptReads attempts,
      CallOutcomes outcomes,
      PlivoProperties plivo,
      Clock clock) {
    this.leases = leases;
    this.attempts = attempts;
    this.outcomes = outcomes;
    this.unknownHold = unknownHold(plivo);
    this.clock = clock;
  }

  /**
   * How long an {@code unknown} attempt keeps its campaign open: the longest a Make-Call request
   * takes plus the ring timeout, by when a call that was placed has had its ring callback or its
   * hangup. Until then a late hangup may still reconcile it and schedule a retry.
   */
  static Duration unknownHold(PlivoProperties plivo) {
    return plivo.callTimeout().plus(plivo.ringTimeout());
  }

  /**
   * Completes the campaign if every contact has had its first attempt created and no attempt is
   * pending, active, or {@code unknown} for less than {@link #unknownHold}; answers whether it did.
   * A retry is inserted before the attempt it follows ends (see {@link CallOutcomes}), so this
   * check cannot miss one.
   */
  public boolean completeIfDone(Lease lease) {
    if (attempts.countOpen(lease.campaignId(), clock.instant().minus(unknownHold)) > 0) {
      return false;
    }
    if (leases.complete(lease, clock.instant())) {
      log.info("campaign {} completed", lease.campaignId());
      return true;
    }
    return false;
  }

  /**
   * Fails a running campaign for a reason no retry can fix (Plivo refused the credentials, the list
   * is gone); its pending attempts are cancelled, live calls end on their own.
   */
  public boolean fail(Lease lease, String reason) {
    boolean failed = leases.fail(lease, reason, clock.instant());
    if (failed) {
      log.warn("campaign {} failed: {}", lease.campaignId(), reason);
      cancelPending(lease.campaignId(), "campaign failed: " + reason);
    }
    return failed;
  }

  /** Cancels every attempt of the campaign that waits to be dialled. */
  public void cancelPending(String campaignId, String reason) {
    while (true) {
      List<CallAttemptDocument> batch = attempts.pending(campaignId, 500);
      if (batch.isEmpty()) {
        return;
      }
      batch.forEach(attempt -> outcomes.cancelled(attempt, reason));
    }
  }
}
