package com.voicecampaigns.worker.plivo;

import org.springframework.stereotype.Component;

/**
 * The one call this package offers the dialler: {@link #place}. For now a thin adapter over {@link
 * PlivoCalls} and its {@link MakeCallResult}; the classification of every answer belongs here and
 * replaces it.
 */
@Component
public class MakeCalls {

  private final PlivoCalls plivo;

  MakeCalls(PlivoCalls plivo) {
    this.plivo = plivo;
  }

  /** Sends one Make-Call request and says what it came to. */
  public MakeCallOutcome place(MakeCallRequest request) {
    MakeCallResult result =
        plivo.placeCall(
            new PlivoCalls.CallRequest(
                request.from(),
                request.to(),
                request.answerUrl(),
                request.hangupUrl(),
                request.ringUrl()));
    if (result instanceof MakeCallResult.Placed placed) {
      return new MakeCallOutcome.Placed(placed.requestUuid());
    }
    if (result instanceof MakeCallResult.Transient failure) {
      return new MakeCallOutcome.NotPlaced(failure.message(), null);
    }
    if (result instanceof MakeCallResult.Refused refused) {
      return new MakeCallOutcome.Refused(
          refused.accountLevel() ? refused.accountFailure() : refused.message(),
          refused.accountLevel());
    }
    return new MakeCallOutcome.Ambiguous(((MakeCallResult.Uncertain) result).message());
  }
}
