package com.voicecampaigns.store.campaign;

import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.campaign.MachineDetection;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A campaign document as every service reads it. The API creates it ({@link NewCampaign}); from
 * then on it changes only through the store's conditional updates of named fields, one per
 * transition, never by saving the whole record. Field names are {@link CampaignFields}'.
 *
 * @param endTime no new call after it; {@code null}: none
 * @param scheduledBy who scheduled it (the token's subject, or the seed's {@code scheduledBy})
 * @param createdBy the subject of the token that created it, never taken from a request body
 * @param callingWindow the hours in which calls may be placed; {@code null}: any hour
 * @param retryPolicy {@code null}: {@link RetryPolicy#DEFAULT} (see {@link #effectiveRetryPolicy})
 * @param maxConcurrentCalls the campaign's concurrency limit, {@code null} for none
 * @param callsPerSecond the campaign's own rate limit, {@code null} for the account's only
 * @param machineDetection answering-machine detection, {@code null}: off (see {@link
 *     #effectiveMachineDetection})
 * @param expiredAt when its end time completed it: contacts without an attempt count as expired
 * @param idempotencyClaim the idempotency claim its insert made ({@link IdempotencyClaim}); {@code
 *     null} without one, or once the claim was retired
 * @param requestHash the hash of the request that made the claim
 * @param dispatchId the fencing token of the current dispatch
 * @param workerId the worker holding the lease until {@code leaseUntil}; {@code null}: nobody
 * @param lastWorkerId the worker that last took it and has not let it go knowingly
 * @param resumeAt set when a worker released it until then (or the API resumed it)
 * @param cursor the id of the last contact handed to the dialler, {@code null} before the first
 * @param contactsExhausted every contact has had its first attempt created (never {@code null})
 * @param stats attempts per call status ({@code stats.<status>}), kept by the attempts' transitions
 * @param contactStats contacts per call status of their latest attempt ({@code
 *     contactStats.<status>}), kept by the same transitions
 * @param counters the counters' version (1), {@code null} on campaigns created before the counters
 * @param imported where a campaign imported from another system came from; {@code null} for one
 *     created here
 */
@Document(CampaignFields.COLLECTION)
public record CampaignDocument(
    @Id String id,
    String clientId,
    String name,
    String listId,
    String fromNumber,
    String wssUrl,
    CampaignStatus status,
    Instant scheduledTime,
    Instant endTime,
    String scheduledBy,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt,
    String failureReason,
    CallingWindow callingWindow,
    RetryPolicy retryPolicy,
    Integer maxConcurrentCalls,
    Double callsPerSecond,
    MachineDetection machineDetection,
    Instant expiredAt,
    String idempotencyClaim,
    String requestHash,
    String dispatchId,
    Instant dispatchedAt,
    String workerId,
    Instant leaseUntil,
    String lastWorkerId,
    Instant resumeAt,
    String cursor,
    Boolean contactsExhausted,
    Map<String, Long> stats,
    Map<String, Long> contactStats,
    Integer counters,
    CampaignImport imported) {

  public CampaignDocument {
    contactsExhausted = Boolean.TRUE.equals(contactsExhausted);
  }

  /** The retry policy that applies: the campaign's own, else {@link RetryPolicy#DEFAULT}. */
  public RetryPolicy effectiveRetryPolicy() {
    return retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy;
  }

  /** The campaign's machine detection, {@link MachineDetection#OFF} when it has none. */
  public MachineDetection effectiveMachineDetection() {
    return machineDetection == null ? MachineDetection.OFF : machineDetection;
  }

  /** Whether its end time has passed at {@code now}: no new call may be placed. */
  public boolean isPastEnd(Instant now) {
    return endTime != null && !endTime.isAfter(now);
  }

  /**
   * The progress counters as stored; empty when the campaign predates them ({@code counters}
   * absent: recount instead, {@link CampaignCounters#recount}).
   */
  public Optional<ProgressCounts> storedCounts() {
    return counters == null
        ? Optional.empty()
        : Optional.of(new ProgressCounts(stats, contactStats));
  }
}
