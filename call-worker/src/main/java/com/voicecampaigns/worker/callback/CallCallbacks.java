package com.voicecampaigns.worker.callback;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.InvalidCampaignException;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * What Plivo's callbacks do to a call attempt. Every change is a conditional update ({@link
 * CallAttemptStore}), so repeated callbacks change nothing, and an {@code unknown} attempt (its
 * worker died before Plivo answered) is reconciled by whatever callback arrives for it.
 */
@Service
class CallCallbacks {

  private static final Logger log = LoggerFactory.getLogger(CallCallbacks.class);

  private final CallAttemptStore attempts;
  private final CallAttemptReads reads;
  private final CallOutcomes outcomes;
  private final CampaignReads campaigns;
  private final WorkerMetrics metrics;
  private final Clock clock;

  CallCallbacks(
      CallAttemptStore attempts,
      CallAttemptReads reads,
      CallOutcomes outcomes,
      CampaignReads campaigns,
      WorkerMetrics metrics,
      Clock clock) {
    this.attempts = attempts;
    this.reads = reads;
    this.outcomes = outcomes;
    this.campaigns = campaigns;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** How to answer Plivo's answer callback. */
  sealed interface Answer {
    /**
     * Connect the call to the bot; {@code machine}: Plivo's detection (the campaign's {@code bot})
     * heard an answering machine, which the bot is told.
     */
    record Stream(
        String wssUrl, String campaignId, String contactId, String callId, boolean machine)
        implements Answer {}

    /** Hang the call up: another call of the same attempt was answered first, or no campaign. */
    record Hangup(String why) implements Answer {}
  }

  /** The ring callback: the call is ringing (proof that Plivo placed it). Empty: unknown call. */
  Optional<CallAttemptDocument> ringing(String callId, Map<String, String> params) {
    Optional<CallAttemptDocument> call = reads.find(callId);
    call.ifPresent(
        attempt -> {
          logContext(attempt);
          attempts
              .ring(callId, requestUuidIfUnknown(attempt, params))
              .filter(was -> was.status() == CallStatus.UNKNOWN)
              .ifPresent(this::dropRedial);
        });
    return call;
  }

  /** The answer callback. Empty: unknown call id. */
  Optional<Answer> answered(String callId, Map<String, String> params) {
    Optional<CallAttemptDocument> found = reads.find(callId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CallAttemptDocument call = found.get();
    logContext(call);
    String callUuid = params.get("CallUUID");
    if (call.callUuid() != null && !call.callUuid().equals(callUuid)) {
      return Optional.of(secondCall(call, callUuid));
    }
    boolean machine = isMachine(params);
    if (machine) {
      attempts.machineDetected(callId, callUuid);
    }
    Optional<CallAttemptDocument> before =
        attempts.answer(callId, callUuid, requestUuidIfUnknown(call, params), clock.instant());
    if (before.isPresent()) {
      metrics.answered();
      if (before.get().status() == CallStatus.UNKNOWN) {
        dropRedial(before.get());
      }
    } else {
      // a repeated answer callback, or another call of this attempt answered just now
      CallAttemptDocument now = reads.find(callId).orElse(call);
      if (now.callUuid() != null && !now.callUuid().equals(callUuid)) {
        return Optional.of(secondCall(now, callUuid));
      }
    }
    Optional<CampaignDocument> campaign;
    try {
      campaign = campaigns.find(call.campaignId());
    } catch (InvalidCampaignException e) {
      return Optional.of(new Answer.Hangup(e.getMessage()));
    }
    if (campaign.isEmpty() || campaign.get().wssUrl() == null) {
      return Optional.of(new Answer.Hangup("campaign " + call.campaignId() + " has no bot URL"));
    }
    return Optional.of(
        new Answer.Stream(
            campaign.get().wssUrl(), call.campaignId(), call.contactId(), callId, machine));
  }

  /**
   * The machine-detection callback (a campaign's {@code hangup} detection): a {@code Machine=true}
   * is recorded on the attempt, so its hangup ends it {@code machine}. False: unknown call id.
   */
  boolean machineDetected(String callId, Map<String, String> params) {
    Optional<CallAttemptDocument> found = reads.find(callId);
    if (found.isEmpty()) {
      return false;
    }
    logContext(found.get());
    if (isMachine(params)) {
      attempts.machineDetected(callId, params.get("CallUUID"));
    }
    return true;
  }

  /** The hangup callback. False: unknown call id. */
  boolean hungUp(String callId, Map<String, String> params) {
    Optional<CallAttemptDocument> found = reads.find(callId);
    if (found.isEmpty()) {
      return false;
    }
    logContext(found.get());
    boolean machine = isMachine(params) || Boolean.TRUE.equals(found.get().machine());
    outcomes.hungUp(
        found.get(),
        params.get("CallUUID"),
        CallStatus.fromPlivoHangup(params.get("CallStatus"), machine),
        params.get("HangupCause"),
        params.get("HangupCauseName"),
        seconds(params.get("Duration")));
    return true;
  }

  /**
   * An {@code unknown} attempt that rang after all (its call did go out): the operator's redial of
   * it, while still pending, would ring the phone a second time, so it is cancelled.
   */
  private void dropRedial(CallAttemptDocument was) {
    if (was.redialedAs() == null) {
      return;
    }
    reads
        .find(was.redialedAs())
        .filter(redial -> redial.status() == CallStatus.PENDING)
        .ifPresent(
            redial ->
                outcomes.cancelled(redial, "the unknown attempt it redialled did ring after all"));
  }

  /** Plivo's RequestUUID, when the attempt does not know it yet (its answer was lost). */
  private static String requestUuidIfUnknown(CallAttemptDocument call, Map<String, String> params) {
    return call.requestUuid() == null ? params.get("RequestUUID") : null;
  }

  /** Log lines of this callback carry the campaign (the controller sets and clears the ids). */
  private static void logContext(CallAttemptDocument call) {
    MDC.put("campaignId", call.campaignId());
    MDC.put("dispatchId", call.dispatchId());
  }

  private Answer secondCall(CallAttemptDocument call, String callUuid) {
    log.warn(
        "attempt {} to {}: call {} answered, but call {} of the same attempt was answered first:"
            + " hanging up the second",
        call.id(),
        call.to(),
        callUuid,
        call.callUuid());
    return new Answer.Hangup("a second call for attempt " + call.id());
  }

  /** Whether Plivo's machine detection reported an answering machine in this callback. */
  private static boolean isMachine(Map<String, String> params) {
    return "true".equalsIgnoreCase(params.get("Machine"));
  }

  private static Integer seconds(String value) {
    try {
      return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
