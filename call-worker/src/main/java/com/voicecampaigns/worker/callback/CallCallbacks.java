package com.voicecampaigns.worker.callback;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.worker.call.CallAttempt;
import com.voicecampaigns.worker.call.CallAttempts;
import com.voicecampaigns.worker.call.CallOutcomes;
import com.voicecampaigns.worker.campaign.Campaigns;
import com.voicecampaigns.worker.lease.Lease;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * What Plivo's callbacks do to a call attempt. Every change is a conditional update, so repeated
 * callbacks change nothing, and an {@code unknown} attempt (its worker died before Plivo answered)
 * is reconciled by whatever callback arrives for it.
 */
@Service
class CallCallbacks {

  private static final Logger log = LoggerFactory.getLogger(CallCallbacks.class);

  /** States an answer (or ring) callback may move on from. */
  private static final Set<CallStatus> BEFORE_ANSWER =
      EnumSet.of(CallStatus.DIALING, CallStatus.RINGING, CallStatus.UNKNOWN);

  private final CallAttempts attempts;
  private final CallOutcomes outcomes;
  private final Campaigns campaigns;
  private final MongoTemplate mongo;
  private final WorkerMetrics metrics;
  private final Clock clock;

  CallCallbacks(
      CallAttempts attempts,
      CallOutcomes outcomes,
      Campaigns campaigns,
      MongoTemplate mongo,
      WorkerMetrics metrics,
      Clock clock) {
    this.attempts = attempts;
    this.outcomes = outcomes;
    this.campaigns = campaigns;
    this.mongo = mongo;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** How to answer Plivo's answer callback. */
  sealed interface Answer {
    /** Connect the call to the bot. */
    record Stream(String wssUrl, String campaignId, String contactId, String callId)
        implements Answer {}

    /** Hang the call up: another call of the same attempt was answered first, or no campaign. */
    record Hangup(String why) implements Answer {}
  }

  /** The ring callback: the call is ringing (proof that Plivo placed it). Empty: unknown call. */
  Optional<CallAttempt> ringing(String callId, Map<String, String> params) {
    Optional<CallAttempt> call = attempts.find(callId);
    call.ifPresent(CallCallbacks::logContext);
    call.ifPresent(
        attempt -> {
          Update update = new Update();
          if (attempt.requestUuid() == null && params.get("RequestUUID") != null) {
            update.set(CallFields.REQUEST_UUID, params.get("RequestUUID"));
          }
          Optional<CallAttempt> before =
              attempts.transition(
                  callId,
                  EnumSet.of(CallStatus.DIALING, CallStatus.UNKNOWN),
                  CallStatus.RINGING,
                  update);
          before
              .filter(was -> was.status() == CallStatus.UNKNOWN)
              .ifPresent(
                  was ->
                      campaigns.countTransition(
                          was.campaignId(), CallStatus.UNKNOWN, CallStatus.RINGING));
        });
    return call;
  }

  /** The answer callback. Empty: unknown call id. */
  Optional<Answer> answered(String callId, Map<String, String> params) {
    Optional<CallAttempt> found = attempts.find(callId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CallAttempt call = found.get();
    logContext(call);
    String callUuid = params.get("CallUUID");
    if (call.callUuid() != null && !call.callUuid().equals(callUuid)) {
      return Optional.of(secondCall(call, callUuid));
    }
    Update update =
        new Update()
            .set(CallFields.CALL_UUID, callUuid)
            .set(CallFields.ANSWERED_AT, clock.instant());
    if (call.requestUuid() == null && params.get("RequestUUID") != null) {
      update.set(CallFields.REQUEST_UUID, params.get("RequestUUID"));
    }
    Query firstAnswer =
        new Query(
            new Criteria()
                .andOperator(
                    where(CallFields.ID)
                        .is(callId)
                        .and(CallFields.STATUS)
                        .in(BEFORE_ANSWER.stream().map(CallStatus::wire).toList()),
                    new Criteria()
                        .orOperator(
                            where(CallFields.CALL_UUID).isNull(),
                            where(CallFields.CALL_UUID).is(callUuid))));
    Optional<CallAttempt> before = attempts.transition(firstAnswer, CallStatus.IN_PROGRESS, update);
    if (before.isPresent()) {
      metrics.answered();
      if (before.get().status() == CallStatus.UNKNOWN) {
        campaigns.countTransition(call.campaignId(), CallStatus.UNKNOWN, CallStatus.IN_PROGRESS);
      }
    } else {
      // a repeated answer callback, or another call of this attempt answered just now
      CallAttempt now = attempts.find(callId).orElse(call);
      if (now.callUuid() != null && !now.callUuid().equals(callUuid)) {
        return Optional.of(secondCall(now, callUuid));
      }
    }
    Document campaign =
        mongo.findById(
            Lease.objectId(call.campaignId()), Document.class, CampaignFields.COLLECTION);
    if (campaign == null || campaign.getString(CampaignFields.WSS_URL) == null) {
      return Optional.of(new Answer.Hangup("campaign " + call.campaignId() + " has no bot URL"));
    }
    return Optional.of(
        new Answer.Stream(
            campaign.getString(CampaignFields.WSS_URL),
            call.campaignId(),
            call.contactId(),
            callId));
  }

  /** The hangup callback. False: unknown call id. */
  boolean hungUp(String callId, Map<String, String> params) {
    Optional<CallAttempt> found = attempts.find(callId);
    if (found.isEmpty()) {
      return false;
    }
    logContext(found.get());
    outcomes.hungUp(
        found.get(),
        params.get("CallUUID"),
        CallStatus.fromPlivoHangup(params.get("CallStatus")),
        params.get("HangupCause"),
        params.get("HangupCauseName"),
        seconds(params.get("Duration")));
    return true;
  }

  /** Log lines of this callback carry the campaign (the controller sets and clears the ids). */
  private static void logContext(CallAttempt call) {
    MDC.put("campaignId", call.campaignId());
    MDC.put("dispatchId", call.dispatchId());
  }

  private Answer secondCall(CallAttempt call, String callUuid) {
    log.warn(
        "attempt {} to {}: call {} answered, but call {} of the same attempt was answered first:"
            + " hanging up the second",
        call.id(),
        call.to(),
        callUuid,
        call.callUuid());
    return new Answer.Hangup("a second call for attempt " + call.id());
  }

  private static Integer seconds(String value) {
    try {
      return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
