package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.campaign.MachineDetection;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.worker.pacing.AccountPacer;
import com.voicecampaigns.worker.pacing.AccountPacer.AccountPermits;
import com.voicecampaigns.worker.plivo.MakeCallOutcome;
import com.voicecampaigns.worker.plivo.MakeCallRequest;
import com.voicecampaigns.worker.plivo.PlivoCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Sends one attempt's Make-Call request (on a thread of {@link RequestsInFlight}) and applies what
 * it came to ({@link PlacementOutcomes}). Once the request holds its connection, right before it is
 * written, the account's permits are checked once more ({@link AccountPacer#confirm}): permits that
 * aged on the way (a new connection, a slow thread hand-off, a pause of this process) are renewed,
 * and a request whose permits were lost is withheld and its attempt goes back to the queue.
 */
@Component
class Placer {

  private static final Logger log = LoggerFactory.getLogger(Placer.class);

  private final PlivoCalls plivo;
  private final PlacementOutcomes outcomes;
  private final AccountPacer pacer;

  Placer(PlivoCalls plivo, PlacementOutcomes outcomes, AccountPacer pacer) {
    this.plivo = plivo;
    this.outcomes = outcomes;
    this.pacer = pacer;
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
      MakeCallOutcome outcome;
      try {
        outcome =
            plivo.place(
                MakeCallRequest.of(attempt, machineDetection), () -> pacer.confirm(permits));
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
