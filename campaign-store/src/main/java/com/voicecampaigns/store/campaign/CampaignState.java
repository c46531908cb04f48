package com.voicecampaigns.store.campaign;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * The few fields of a campaign that say who runs it and when it is due: read often (every status
 * check, every dispatcher hint), so read alone.
 *
 * @param endTime no new call after it ({@code null}: none); a worker checks {@link #isPastEnd}
 *     right before each call
 */
public record CampaignState(
    @Id String id,
    CampaignStatus status,
    Instant scheduledTime,
    String dispatchId,
    String workerId,
    Instant resumeAt,
    Instant endTime) {

  /** Whether the campaign's end time has passed at {@code now}: no new call may be placed. */
  public boolean isPastEnd(Instant now) {
    return endTime != null && !endTime.isAfter(now);
  }

  /** Whether {@code lease} still allows dialling: running under this dispatch and worker. */
  public boolean heldBy(Lease lease) {
    return status == CampaignStatus.RUNNING
        && lease.dispatchId().equals(dispatchId)
        && lease.workerId().equals(workerId);
  }
}
