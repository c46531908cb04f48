package com.voicecampaigns.worker.call;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.InvalidCampaignException;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends call attempts: records the outcome ({@link CallAttemptStore}), counts it, and applies the
 * campaign's retry policy. The only place where an attempt reaches a final state, for callbacks and
 * the dialler alike.
 *
 * <p>The retry policy applies to the first outcome an attempt gets, whether the call was live or
 * its attempt {@code unknown} (reconciled by a late hangup). A retry is inserted <em>before</em>
 * the attempt it follows is marked ended, so a campaign always has an open (pending or active)
 * attempt for that contact, and completion, which requires none, cannot slip in between.
 */
@Component
public class CallOutcomes {

  private static final Logger log = LoggerFactory.getLogger(CallOutcomes.class);

  /** Hangup causes that mean the number cannot be called: never retried. */
  private static final Set<String> INVALID_NUMBER_CAUSES =
      Set.of(
          "UNALLOCATED_NUMBER",
          "INVALID_NUMBER_FORMAT",
          "INVALID_NUMBER",
          "NO_ROUTE_DESTINATION",
          "NUMBER_CHANGED",
          "INVALID DESTINATION ADDRESS");

  private final CallAttemptStore attempts;
  private final CampaignReads campaigns;
  private final WorkerMetrics metrics;
  private final Clock clock;

  CallOutcomes(
      CallAttemptStore attempts, CampaignReads campaigns, WorkerMetrics metrics, Clock clock) {
    this.attempts = attempts;
    this.campaigns = campaigns;
    this.metrics = metrics;
    this.clock = clock;
  }

  public static boolean invalidNumber(String hangupCause, String hangupCauseName) {
    return (hangupCause != null
            && INVALID_NUMBER_CAUSES.contains(hangupCause.toUpperCase(Locale.ROOT)))
        || (hangupCauseName != null
            && INVALID_NUMBER_CAUSES.contains(hangupCauseName.toUpperCase(Locale.ROOT)));
  }

  /**
   * Plivo's hangup callback for {@code call}: the outcome of this attempt, unless the callback is
   * about a second call placed for the same attempt (another {@code CallUUID} answered), which is
   * only logged. Idempotent: a repeated callback changes nothing.
   *
   * @return whether this callback changed the attempt
   */
  public boolean hungUp(
      CallAttemptDocument call,
      String callUuid,
      CallStatus outcome,
      String hangupCause,
      String hangupCauseName,
      Integer durationSeconds) {
    if (call.callUuid() != null && callUuid != null && !call.callUuid().equals(callUuid)) {
      log.warn(
          "hangup of call {} for attempt {} ignored: call {} is the attempt's",
          callUuid,
          call.id(),
          call.callUuid());
      return false;
    }
    Instant now = clock.instant();
    if (awaitsItsOutcome(call.status())) {
      scheduleRetry(call, outcome, invalidNumber(hangupCause, hangupCauseName), now);
    }
    return counted(
        attempts.hangUp(call.id(), callUuid, outcome, hangupCause, durationSeconds, now), outcome);
  }

  /**
   * Ends an attempt the dialler could not place (Plivo refused it, or every try failed).
   *
   * @param invalidNumber whether Plivo refused the number itself: never retried
   */
  public void notPlaced(CallAttemptDocument call, String error, boolean invalidNumber) {
    Instant now = clock.instant();
    scheduleRetry(call, CallStatus.FAILED, invalidNumber, now);
    counted(attempts.fail(call.id(), error, now), CallStatus.FAILED);
  }

  /**
   * Marks an attempt whose Make-Call request may or may not have placed a call: at most once, it is
   * never dialled again automatically; a later callback reconciles it.
   */
  public void unknown(CallAttemptDocument call, String error) {
    counted(attempts.markUnknown(call.id(), error, clock.instant()), CallStatus.UNKNOWN);
  }

  /**
   * Whether a hangup for an attempt in {@code status} is its first known outcome, so that the retry
   * policy applies: a live call, and also an {@code unknown} attempt (an ambiguous answer, a worker
   * that died) or an {@code expired} one, which a late hangup reconciles.
   */
  static boolean awaitsItsOutcome(CallStatus status) {
    return status.isActive() || status == CallStatus.UNKNOWN || status == CallStatus.EXPIRED;
  }

  /** Ends an active call that no callback ended in time: it frees its concurrency slot. */
  public void expired(CallAttemptDocument call, String error) {
    counted(attempts.expire(call.id(), error, clock.instant()), CallStatus.EXPIRED);
  }

  /** Cancels an attempt that was waiting to be dialled (the campaign was cancelled or failed). */
  public void cancelled(CallAttemptDocument call, String reason) {
    counted(attempts.cancel(call.id(), reason, clock.instant()), CallStatus.CANCELLED);
  }

  /** Counts a transition this worker won: {@code before} is the attempt as it was. */
  private boolean counted(Optional<CallAttemptDocument> before, CallStatus to) {
    if (before.isEmpty()) {
      return false;
    }
    CallAttemptDocument was = before.get();
    if (was.status() != to) {
      metrics.ended(to);
    }
    return true;
  }

  private void scheduleRetry(
      CallAttemptDocument call, CallStatus outcome, boolean invalidNumber, Instant now) {
    CampaignDocument campaign;
    try {
      campaign = campaigns.find(call.campaignId()).orElse(null);
    } catch (InvalidCampaignException e) {
      log.warn("no retry for attempt {}: {}", call.id(), e.getMessage());
      return;
    }
    if (campaign == null || campaign.status().isFinished() || campaign.isPastEnd(now)) {
      return;
    }
    campaign
        .effectiveRetryPolicy()
        .nextAttemptAt(call.attempt(), outcome, invalidNumber, now)
        .filter(notBefore -> !campaign.isPastEnd(notBefore)) // it could only expire
        .ifPresent(
            notBefore -> {
              CallAttemptDocument retry = call.retry(notBefore, now);
              if (attempts.insert(retry)) {
                log.info(
                    "contact {} ended {}: attempt {} due at {}",
                    call.contactId(),
                    outcome.wire(),
                    retry.attempt(),
                    notBefore);
              }
            });
  }
}
