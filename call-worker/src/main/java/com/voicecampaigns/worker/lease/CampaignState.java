package com.voicecampaigns.worker.lease;

import com.voicecampaigns.model.campaign.CampaignStatus;

/** The few fields that say whether a lease still allows dialling. */
public record CampaignState(CampaignStatus status, String dispatchId, String workerId) {

  /** Why {@code lease} no longer allows dialling, or {@code null} when it still does. */
  public StopReason stopReasonFor(Lease lease) {
    return switch (status) {
      case PAUSED -> StopReason.PAUSED;
      case CANCELLED -> StopReason.CANCELLED;
      case COMPLETED, FAILED, SCHEDULED -> StopReason.FINISHED;
      case RUNNING ->
          lease.dispatchId().equals(dispatchId) && lease.workerId().equals(workerId)
              ? null
              : StopReason.LEASE_LOST;
    };
  }
}
