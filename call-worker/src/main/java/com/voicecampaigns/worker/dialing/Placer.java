package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.campaign.MachineDetection;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.worker.pacing.AccountPacer;
import com.voicecampaigns.worker.pacing.AccountPacer.AccountPermits;
import com.voicecampaigns.worker.plivo.MakeCallOutcome;
import com.voicecampaigns.worker.plivo.MakeCallRequest;
import com.voicecampaigns.worker.plivo.PlivoCalls;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Sends one attempt's Make-Call request (on a thread of {@link RequestsInFlight}) and applies what
 * it came to ({@link PlacementOutcomes}). Right before sending it checks the account's permits once
 * more ({@link AccountPacer#fresh}): a request whose permits aged on the way here (a slow thread
 * hand-off, a pause of this process) is not sent, and its attempt goes back to the queue.
 */
@Component
class Placer {

  private static final Logger log = LoggerFactory.getLogger(Placer.class);

  private final PlivoCalls plivo;
  private final PlacementOutcomes outcomes;
  private final AccountPacer pacer;
  private final CallAttemptStore attempts;
  private final Clock clock;

  Placer(
      PlivoCalls plivo,
      PlacementOutcomes outcomes,
      AccountPacer pacer,
      CallAttemptStore attempts,
      Clock clock) {
    this.plivo = plivo;
    this.outcomes = outcomes;
    this.pacer = pacer;
    this.attempts = attempts;
    this.clock = clock;
  }

  /** Sends the request now and handles its answer; never throws. True when Plivo placed it. */
  boolean send(
      SessionLease session,
      CallAttemptDocument attempt,
      MachineDetection machineDetection,
      AccountPermits permits) {
    MDC.put("campaignId", attempt.campaignId());
    MDC.put("callId", attempt.id());
    try {
      if (!pacer.fresh(permits)) {
        log.debug("call {}: its permits aged before sending; queued again", attempt.id());
        pacer.unused(permits);
        attempts.withdrawRequest(attempt.id(), session.lease(), clock.instant());
        return false;
      }
      MakeCallOutcome outcome;
      try {
        outcome = plivo.place(MakeCallRequest.of(attempt, machineDetection));
      } catch (RuntimeException e) {
        // whether the request left is not known: at most once, so it counts as ambiguous
        outcome = new MakeCallOutcome.Ambiguous("client-error", e.toString());
      }
      outcomes.apply(session, attempt, permits, outcome);
      return outcome instanceof MakeCallOutcome.Placed;
    } catch (RuntimeException e) {
      log.error("call {}: handling its Make-Call request failed", attempt.id(), e);
      return false;
    } finally {
      MDC.remove("callId");
      MDC.remove("campaignId");
    }
  }
}
