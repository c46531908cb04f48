package com.voicecampaigns.worker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
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
 * @param progressTimeout a dialling session that made no progress for this long (stuck in a
 *     request, a MongoDB operation or a lock) is stopped and its lease no longer renewed, so that
 *     another worker takes the campaign over within a lease period ({@code
 *     WORKER_PROGRESS_TIMEOUT}, 30s); keep it above the longest legitimate step: a Make-Call
 *     request ({@code PLIVO_CONNECT_TIMEOUT + PLIVO_READ_TIMEOUT}) and a MongoDB operation ({@code
 *     MONGODB_SOCKET_TIMEOUT}). A session that waits (pacing, a backoff, a closed window) counts as
 *     progressing
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
 *     that every call reaches Plivo inside the window ({@code WORKER_CALLING_WINDOW_MARGIN}, 15s);
 *     never less than the longest Make-Call request ({@code PLIVO_CONNECT_TIMEOUT +
 *     PLIVO_READ_TIMEOUT}), to which a lower value is raised
 * @param releaseWhenIdleFor when nothing can be dialled for longer than this (calling window
 *     closed, retries not yet due) and no call is active, the worker releases the campaign with
 *     {@code resumeAt} and the dispatcher restarts it then ({@code WORKER_RELEASE_WHEN_IDLE_FOR},
 *     30s)
 * @param shutdownTimeout on SIGTERM, how long to wait for the dialling sessions to finish the
 *     request in flight and release their leases ({@code WORKER_SHUTDOWN_TIMEOUT}, 15s; keep it
 *     within the pod's termination grace period, with Plivo's read timeout to spare)
 * @param adoptUntakenStartsAfter a dispatch whose {@code CampaignStart} no worker took for this
 *     long is taken by a worker with room, as if its start had arrived there (the broker lost the
 *     start, holds it for a dead subscriber, or is late); the lease, taken once per dispatch, keeps
 *     it one worker's ({@code WORKER_ADOPT_UNTAKEN_STARTS_AFTER}, 20s; 0 turns it off and leaves
 *     such dispatches to the dispatcher's start timeout)
 * @param pacing how calls are spaced
 * @param retry how a Make-Call request that certainly placed no call (429, 503, no connection) is
 *     sent again
 */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(
    @NotBlank String id,
    @NotNull URI publicUrl,
    @NotNull Duration leaseDuration,
    @NotNull Duration heartbeatInterval,
    @NotNull Duration statusCheckInterval,
    @NotNull Duration progressTimeout,
    boolean verifySignatures,
    @Min(1) int maxActiveCampaigns,
    @Min(1) @Max(10_000) int contactBatchSize,
    @NotNull Duration activeCallTimeout,
    @NotNull Duration callingWindowMargin,
    @NotNull Duration releaseWhenIdleFor,
    @NotNull Duration shutdownTimeout,
    @NotNull Duration adoptUntakenStartsAfter,
    @Valid @NotNull Pacing pacing,
    @Valid @NotNull Retry retry) {

  @AssertTrue(message = "worker.progress-timeout must be longer than worker.status-check-interval")
  boolean isProgressTimeoutAboveStatusCheck() {
    return progressTimeout == null
        || statusCheckInterval == null
        || progressTimeout.compareTo(statusCheckInterval) > 0;
  }

  /**
   * How requests are paced and shared (see {@code pacing}).
   *
   * @param timingAllowance how much later than its permit's time a request may reach Plivo: a
   *     permit is used again only a window plus this after it was taken, so at most {@code
   *     floor(cps)} requests arrive in any one second and the account reaches {@code cps / (1s +
   *     allowance)} ({@code WORKER_PACING_TIMING_ALLOWANCE}, 40ms: 96.2 %). It must cover {@code
   *     renewAfter} (the oldest a permit may be when its request is written), two workers' clock
   *     errors ({@code 2 × maxClockError}) and the jitter between the write and Plivo's receipt;
   *     the worker refuses to start when the first two leave nothing for the third
   * @param renewAfter once a request holds its connection, right before its first byte is written,
   *     rate permits older than this are renewed from then, fenced by their holder ({@code
   *     WORKER_PACING_RENEW_AFTER}, 10ms). Lower costs more MongoDB round trips (a request whose
   *     take-to-write exceeds it, such as a new connection's, renews once), higher leaves less of
   *     the allowance for the network's jitter
   * @param shareRefreshInterval how often each worker publishes its campaigns' demands and
   *     recomputes every campaign's share of the account's rate ({@code
   *     WORKER_PACING_SHARE_REFRESH_INTERVAL}, 500ms); a demand not refreshed for three of these no
   *     longer counts
   * @param clockCheckInterval how often this worker measures its clock against MongoDB's ({@code
   *     WORKER_PACING_CLOCK_CHECK_INTERVAL}, 10s)
   * @param maxClockError the largest uncertainty of that measurement (half its best round trip) at
   *     which the worker still dials ({@code WORKER_PACING_MAX_CLOCK_ERROR}, 5ms; a MongoDB in the
   *     same region answers in a millisecond or two, so its error is about one)
   * @param maxClockSkew the largest difference between this worker's clock and MongoDB's at which
   *     it still dials ({@code WORKER_PACING_MAX_CLOCK_SKEW}, 2s): pacing runs on MongoDB's clock,
   *     but leases and calling windows on the worker's own
   * @param maxRequestsInFlight Make-Call requests this worker keeps outstanding at once, over all
   *     its campaigns ({@code WORKER_PACING_MAX_REQUESTS_IN_FLIGHT}, 64); enough for the account's
   *     rate times Plivo's latency
   * @param tenantWeights a tenant's weight in the split of the account's rate ({@code
   *     worker.pacing.tenant-weights.<clientId>}, 1 for any tenant not named): a campaign of a
   *     tenant of weight 2 gets twice the share of one of weight 1
   */
  public record Pacing(
      @NotNull Duration timingAllowance,
      @NotNull Duration renewAfter,
      @NotNull Duration shareRefreshInterval,
      @NotNull Duration clockCheckInterval,
      @NotNull Duration maxClockError,
      @NotNull Duration maxClockSkew,
      @Min(1) @Max(10_000) int maxRequestsInFlight,
      Map<String, @Positive Double> tenantWeights) {

    public Pacing {
      tenantWeights = tenantWeights == null ? Map.of() : Map.copyOf(tenantWeights);
    }

    @AssertTrue(
        message =
            "worker.pacing.timing-allowance must be longer than worker.pacing.renew-after plus"
                + " twice worker.pacing.max-clock-error, or nothing is left for the network's"
                + " jitter")
    boolean isAllowanceAboveItsParts() {
      return timingAllowance == null
          || renewAfter == null
          || maxClockError == null
          || timingAllowance.compareTo(renewAfter.plus(maxClockError.multipliedBy(2))) > 0;
    }

    /** The weight of {@code clientId}'s campaigns in the split of the account's rate. */
    public double weightOf(String clientId) {
      return clientId == null ? 1 : tenantWeights.getOrDefault(clientId, 1d);
    }
  }

  /**
   * Only answers that certainly placed no call are sent again; every ambiguous one (a timeout, a
   * connection broken after the request was written, 500, 502, 504, an unreadable body) makes the
   * attempt {@code unknown} at once, and it is never sent again automatically.
   *
   * @param maxTries Make-Call requests per attempt before the attempt is given up as failed ({@code
   *     WORKER_RETRY_MAX_TRIES}, 5); only answers that certainly placed nothing (429, 503, no
   *     connection) are tried again, each as a new turn of the pipeline with its own checks
   * @param initialBackoff the wait after the first such answer, doubled after each further one
   *     ({@code WORKER_RETRY_INITIAL_BACKOFF}, 1s); a longer {@code Retry-After} wins
   * @param maxBackoff the longest wait between two tries ({@code WORKER_RETRY_MAX_BACKOFF}, 30s)
   */
  public record Retry(
      @Min(1) @Max(20) int maxTries,
      @NotNull Duration initialBackoff,
      @NotNull Duration maxBackoff) {

    /** The wait after the {@code tries}-th request of an attempt placed nothing. */
    public Duration backoff(int tries) {
      Duration backoff = initialBackoff.multipliedBy(1L << Math.min(Math.max(tries - 1, 0), 20));
      return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
  }
}
