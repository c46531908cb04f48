package com.voicecampaigns.worker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The call worker's settings. Defaults live in {@code application.yml}, next to their environment
 * variables.
 *
 * @param id this worker's identity in leases and call documents; unique per process ({@code
 *     WORKER_ID}, default host name plus a random suffix)
 * @param publicUrl the base URL at which Plivo reaches the callbacks ({@code WORKER_PUBLIC_URL});
 *     in production the load-balanced URL of all workers, so that any replica serves a callback
 * @param leaseDuration how long a campaign lease lives without a heartbeat; another worker takes
 *     the campaign over after that ({@code WORKER_LEASE_DURATION}, 30s)
 * @param heartbeatInterval how often a worker renews its leases ({@code WORKER_HEARTBEAT_INTERVAL},
 *     10s); well below {@code leaseDuration}
 * @param statusCheckInterval how often the status and lease of every running campaign and the
 *     dialling kill switch are read again, so that pause, cancel and the kill switch are seen
 *     within this time even while the worker waits ({@code WORKER_STATUS_CHECK_INTERVAL}, 1s);
 *     independently, the status is read again right before every Make-Call request
 * @param verifySignatures whether callbacks must carry a valid X-Plivo-Signature-V3 ({@code
 *     WORKER_VERIFY_SIGNATURES}, true; only the local profile may turn it off, anywhere else false
 *     refuses to start)
 * @param maxActiveCampaigns how many campaigns one worker dials at the same time; a worker at
 *     capacity hands a CampaignStart back for redelivery ({@code WORKER_MAX_ACTIVE_CAMPAIGNS}, 8)
 * @param contactBatchSize how many contacts are read at a time while walking a list ({@code
 *     WORKER_CONTACT_BATCH_SIZE}, 500): the worker holds at most one batch per campaign
 * @param activeCallTimeout after this time without a hangup callback an active call counts as ended
 *     ({@code expired}) and frees its concurrency slot ({@code WORKER_ACTIVE_CALL_TIMEOUT}, 90m;
 *     keep it above Plivo's ring timeout plus the call time limit)
 * @param callingWindowMargin no call is placed later than this before a calling window closes, so
 *     that every call reaches Plivo inside the window ({@code WORKER_CALLING_WINDOW_MARGIN}, 10s)
 * @param releaseWhenIdleFor when nothing can be dialled for longer than this (calling window
 *     closed, retries not yet due) and no call is active, the worker releases the campaign with
 *     {@code resumeAt} and the dispatcher restarts it then ({@code WORKER_RELEASE_WHEN_IDLE_FOR},
 *     30s)
 * @param shutdownTimeout on SIGTERM, how long to wait for the dialling sessions to finish the
 *     request in flight and release their leases ({@code WORKER_SHUTDOWN_TIMEOUT}, 15s; keep it
 *     within the pod's termination grace period, with Plivo's read timeout to spare)
 * @param pacing how calls are spaced
 * @param retry how a Make-Call request that failed for a transient reason is tried again
 */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(
    @NotBlank String id,
    @NotNull URI publicUrl,
    @NotNull Duration leaseDuration,
    @NotNull Duration heartbeatInterval,
    @NotNull Duration statusCheckInterval,
    boolean verifySignatures,
    @Min(1) int maxActiveCampaigns,
    @Min(1) @Max(10_000) int contactBatchSize,
    @NotNull Duration activeCallTimeout,
    @NotNull Duration callingWindowMargin,
    @NotNull Duration releaseWhenIdleFor,
    @NotNull Duration shutdownTimeout,
    @Valid @NotNull Pacing pacing,
    @Valid @NotNull Retry retry) {

  /**
   * @param clockSkewAllowance how far the clocks of two workers may disagree: a calls-per-second
   *     permit is reused only {@code 1s + clockSkewAllowance} after the answer to the request that
   *     held it ({@code WORKER_PACING_CLOCK_SKEW_ALLOWANCE}, 50ms); calls are spaced {@code (1s +
   *     clockSkewAllowance) / cps} apart
   */
  public record Pacing(@NotNull Duration clockSkewAllowance) {}

  /**
   * @param maxTries Make-Call requests per attempt before the attempt is given up as failed ({@code
   *     WORKER_RETRY_MAX_TRIES}, 5)
   * @param initialBackoff the wait after the first 429 or 5xx, doubled after each further one
   *     ({@code WORKER_RETRY_INITIAL_BACKOFF}, 1s)
   * @param maxBackoff the longest wait between two tries ({@code WORKER_RETRY_MAX_BACKOFF}, 30s)
   * @param timeoutRecheck after a request timed out (Plivo may have placed the call), how long to
   *     wait for a ring, answer or hangup callback before trying again ({@code
   *     WORKER_RETRY_TIMEOUT_RECHECK}, 15s)
   */
  public record Retry(
      @Min(1) @Max(20) int maxTries,
      @NotNull Duration initialBackoff,
      @NotNull Duration maxBackoff,
      @NotNull Duration timeoutRecheck) {}
}
