package com.voicecampaigns.worker.lease;

import com.voicecampaigns.store.campaign.CampaignState;
import com.voicecampaigns.store.campaign.Lease;
import java.util.Optional;

/** Why a worker stops dialling a campaign. */
public enum StopReason {
  /** The API paused the campaign. */
  PAUSED,
  /** The API cancelled the campaign: pending attempts are cancelled, live calls finish. */
  CANCELLED,
  /** Another dispatch or worker owns the campaign now, or it was deleted. */
  LEASE_LOST,
  /**
   * An unexpected error ended the session. Like a lost lease, the campaign is not let go: the lease
   * expires and another worker takes it over (counted as a takeover).
   */
  ERROR,
  /**
   * The session made no progress for {@code worker.progress-timeout} (stuck in a request, a MongoDB
   * operation, a lock): its lease is no longer renewed and expires, and another worker takes the
   * campaign over (counted as a takeover).
   */
  STALLED,
  /** The campaign completed or failed. */
  FINISHED,
  /**
   * The campaign's end time passed: it was completed ({@code CampaignEnds}), no new call is placed,
   * and its attempts left pending expire once the session's outstanding requests are answered.
   */
  ENDED,
  /** This worker released the campaign until a calling window opens or retries are due. */
  RELEASED,
  /** This worker is shutting down: the campaign is released for another worker at once. */
  SHUTDOWN;

  /**
   * Why {@code lease} no longer allows dialling given the campaign's {@code state} (empty: the
   * campaign is gone), or {@code null} when it still does.
   */
  public static StopReason of(Optional<CampaignState> state, Lease lease) {
    if (state.isEmpty()) {
      return LEASE_LOST;
    }
    return switch (state.get().status()) {
      case PAUSED -> PAUSED;
      case CANCELLED -> CANCELLED;
      case COMPLETED, FAILED, SCHEDULED -> FINISHED;
      case RUNNING -> state.get().heldBy(lease) ? null : LEASE_LOST;
    };
  }

  /** Whether the worker stopped knowingly, so that the next one to take it counts no takeover. */
  public boolean letsGo() {
    return this != LEASE_LOST && this != ERROR && this != STALLED;
  }
}
