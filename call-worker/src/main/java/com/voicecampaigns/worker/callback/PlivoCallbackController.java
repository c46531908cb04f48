package com.voicecampaigns.worker.callback;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.dialing.CallAttempt;
import com.voicecampaigns.worker.dialing.CallAttempts;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Plivo's answer and hangup callbacks, addressed by our call id. */
@RestController
@RequestMapping("/plivo")
class PlivoCallbackController {

  private final PlivoSignatureVerifier signatures;
  private final CallAttempts attempts;
  private final CampaignCompletion completion;
  private final MongoTemplate mongo;
  private final Clock clock;

  PlivoCallbackController(
      PlivoSignatureVerifier signatures,
      CallAttempts attempts,
      CampaignCompletion completion,
      MongoTemplate mongo,
      Clock clock) {
    this.signatures = signatures;
    this.attempts = attempts;
    this.completion = completion;
    this.mongo = mongo;
    this.clock = clock;
  }

  @PostMapping(value = "/answer/{callId}", produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> answer(
      @PathVariable String callId,
      @RequestParam Map<String, String> params,
      HttpServletRequest request) {
    if (!signatures.isValid(request, params)) {
      return ResponseEntity.status(403).build();
    }
    CallAttempt call = attempts.find(callId).orElse(null);
    if (call == null) {
      return ResponseEntity.notFound().build();
    }
    Document campaign =
        mongo.findById(new ObjectId(call.campaignId()), Document.class, CampaignFields.COLLECTION);
    if (campaign == null) {
      return ResponseEntity.ok(AnswerXml.hangup());
    }
    mongo.updateFirst(
        new Query(
            where(CallFields.ID)
                .is(callId)
                .and(CallFields.STATUS)
                .in(CallStatus.DIALING.wire(), CallStatus.RINGING.wire())),
        new Update()
            .set(CallFields.STATUS, CallStatus.IN_PROGRESS.wire())
            .set(CallFields.CALL_UUID, params.get("CallUUID"))
            .set(CallFields.ANSWERED_AT, clock.instant()),
        CallAttempt.class);
    return ResponseEntity.ok(
        AnswerXml.stream(
            campaign.getString(CampaignFields.WSS_URL),
            call.campaignId(),
            call.contactId(),
            callId));
  }

  @PostMapping("/hangup/{callId}")
  ResponseEntity<Void> hangup(
      @PathVariable String callId,
      @RequestParam Map<String, String> params,
      HttpServletRequest request) {
    if (!signatures.isValid(request, params)) {
      return ResponseEntity.status(403).build();
    }
    CallAttempt call = attempts.find(callId).orElse(null);
    if (call == null) {
      return ResponseEntity.notFound().build();
    }
    Instant now = clock.instant();
    CallStatus outcome = CallStatus.fromPlivoHangup(params.get("CallStatus"));
    mongo.updateFirst(
        new Query(
            where(CallFields.ID)
                .is(callId)
                .and(CallFields.STATUS)
                .in(
                    CallStatus.DIALING.wire(),
                    CallStatus.RINGING.wire(),
                    CallStatus.IN_PROGRESS.wire(),
                    CallStatus.UNKNOWN.wire())),
        new Update()
            .set(CallFields.STATUS, outcome.wire())
            .set(CallFields.CALL_UUID, params.get("CallUUID"))
            .set(CallFields.HANGUP_CAUSE, params.get("HangupCause"))
            .set(CallFields.DURATION_SECONDS, parseSeconds(params.get("Duration")))
            .set(CallFields.ENDED_AT, now),
        CallAttempt.class);
    completion.completeIfDone(call.campaignId());
    return ResponseEntity.ok().build();
  }

  private static Integer parseSeconds(String value) {
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
