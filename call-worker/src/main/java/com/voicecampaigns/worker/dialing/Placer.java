package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.pacing.AccountPacer.AccountPermits;
import com.voicecampaigns.worker.plivo.MakeCallOutcome;
import com.voicecampaigns.worker.plivo.MakeCallRequest;
import com.voicecampaigns.worker.plivo.MakeCalls;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Sends one attempt's Make-Call request (on a thread of {@link RequestsInFlight}) and applies what
 * it came to ({@link PlacementOutcomes}). The request carries the attempt's id in its callback
 * URLs, so each attempt has answer, hangup and ring URLs of its own.
 */
@Component
class Placer {

  private static final Logger log = LoggerFactory.getLogger(Placer.class);

  private final MakeCalls plivo;
  private final PlacementOutcomes outcomes;
  private final String callbackBase;

  Placer(MakeCalls plivo, PlacementOutcomes outcomes, WorkerProperties properties) {
    this.plivo = plivo;
    this.outcomes = outcomes;
    String base = properties.publicUrl().toString();
    this.callbackBase = (base.endsWith("/") ? base : base + "/") + "plivo/";
  }

  /** Sends the request now and handles its answer; never throws. True when Plivo placed it. */
  boolean send(SessionLease session, CallAttemptDocument attempt, AccountPermits permits) {
    MDC.put("campaignId", attempt.campaignId());
    MDC.put("callId", attempt.id());
    try {
      MakeCallOutcome outcome =
          plivo.place(
              new MakeCallRequest(
                  attempt.from(),
                  attempt.to(),
                  callbackUrl("answer", attempt),
                  callbackUrl("hangup", attempt),
                  callbackUrl("ring", attempt)));
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

  private URI callbackUrl(String kind, CallAttemptDocument attempt) {
    return URI.create(callbackBase + kind + "/" + attempt.id());
  }
}
