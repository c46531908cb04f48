package com.voicecampaigns.worker.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.worker.campaign.Campaign;
import com.voicecampaigns.worker.campaign.Campaigns;
import com.voicecampaigns.worker.campaign.InvalidCampaignException;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Ends call attempts: records the outcome, counts it, and applies the campaign's retry policy. The
 * only place where an attempt reaches a final state, for callbacks and the dialler alike.
 *
 * <p>A retry is inserted <em>before</em> the attempt it follows is marked ended, so a campaign
 * always has an open (pending or active) attempt for that contact, and completion, which requires
 * none, cannot slip in between.
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

  /** States from which a hangup callback may move the attempt (reconciliation included). */
  private static final Set<CallStatus> ENDABLE =
      EnumSet.of(
          CallStatus.DIALING,
          CallStatus.RINGING,
          CallStatus.IN_PROGRESS,
          CallStatus.UNKNOWN,
          CallStatus.EXPIRED);

  private final CallAttempts attempts;
  private final Campaigns campaigns;
  private final WorkerMetrics metrics;
  private final Clock clock;

  CallOutcomes(CallAttempts attempts, Campaigns campaigns, WorkerMetrics metrics, Clock clock) {
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
      CallAttempt call,
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
    if (call.status().isActive()) {
      scheduleRetry(call, outcome, invalidNumber(hangupCause, hangupCauseName), now);
    }
    Update details =
        new Update()
            .set(CallFields.HANGUP_CAUSE, hangupCause)
            .set(CallFields.DURATION_SECONDS, durationSeconds)
            .set(CallFields.ENDED_AT, now);
    if (callUuid != null) {
      details.set(CallFields.CALL_UUID, callUuid);
    }
    Criteria sameCall =
        new Criteria()
            .orOperator(
                where(CallFields.CALL_UUID).isNull(), where(CallFields.CALL_UUID).is(callUuid));
    Query filter =
        new Query(
            new Criteria()
                .andOperator(
                    where(CallFields.ID)
                        .is(call.id())
                        .and(CallFields.STATUS)
                        .in(ENDABLE.stream().map(CallStatus::wire).toList()),
                    sameCall));
    return recordTransition(attempts.transition(filter, outcome, details), outcome);
  }

  /**
   * Ends an attempt the dialler could not place (Plivo refused it, or every try failed).
   *
   * @param invalidNumber whether Plivo refused the number itself: never retried
   */
  public void notPlaced(CallAttempt call, String error, boolean invalidNumber) {
    Instant now = clock.instant();
    scheduleRetry(call, CallStatus.FAILED, invalidNumber, now);
    Update details = new Update().set(CallFields.ERROR, error).set(CallFields.ENDED_AT, now);
    recordTransition(
        attempts.transition(call.id(), EnumSet.of(CallStatus.DIALING), CallStatus.FAILED, details),
        CallStatus.FAILED);
  }

  /**
   * Marks an attempt whose Make-Call request may or may not have placed a call: at most once, it is
   * never dialled again automatically; a later callback reconciles it.
   */
  public void unknown(CallAttempt call, String error) {
    Update details = new Update().set(CallFields.ERROR, error);
    recordTransition(
        attempts.transition(call.id(), EnumSet.of(CallStatus.DIALING), CallStatus.UNKNOWN, details),
        CallStatus.UNKNOWN);
  }

  /** Ends an active call that no callback ended in time: it frees its concurrency slot. */
  public void expired(CallAttempt call, String error) {
    Update details =
        new Update().set(CallFields.ERROR, error).set(CallFields.ENDED_AT, clock.instant());
    recordTransition(
        attempts.transition(
            call.id(),
            EnumSet.of(CallStatus.DIALING, CallStatus.RINGING, CallStatus.IN_PROGRESS),
            CallStatus.EXPIRED,
            details),
        CallStatus.EXPIRED);
  }

  /** Cancels an attempt that was waiting to be dialled (the campaign was cancelled or failed). */
  public void cancelled(CallAttempt call, String reason) {
    Update details =
        new Update().set(CallFields.ERROR, reason).set(CallFields.ENDED_AT, clock.instant());
    recordTransition(
        attempts.transition(
            call.id(), EnumSet.of(CallStatus.PENDING), CallStatus.CANCELLED, details),
        CallStatus.CANCELLED);
  }

  private boolean recordTransition(Optional<CallAttempt> before, CallStatus to) {
    if (before.isEmpty()) {
      return false;
    }
    CallAttempt was = before.get();
    if (was.status() != to) {
      campaigns.countTransition(was.campaignId(), was.status(), to);
      metrics.ended(to);
    }
    return true;
  }

  private void scheduleRetry(
      CallAttempt call, CallStatus outcome, boolean invalidNumber, Instant now) {
    Campaign campaign;
    try {
      campaign = campaigns.find(call.campaignId()).orElse(null);
    } catch (InvalidCampaignException e) {
      log.warn("no retry for attempt {}: {}", call.id(), e.getMessage());
      return;
    }
    if (campaign == null || campaign.status().isFinished()) {
      return;
    }
    campaign
        .retryPolicy()
        .nextAttemptAt(call.attempt(), outcome, invalidNumber, now)
        .ifPresent(
            notBefore -> {
              CallAttempt retry = call.retry(notBefore, now);
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
