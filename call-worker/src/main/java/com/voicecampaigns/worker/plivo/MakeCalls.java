package com.voicecampaigns.worker.plivo;

import com.voicecampaigns.worker.WorkerProperties;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * The one call this package offers the dialler, {@link #place}, as the engine branch needs it until
 * {@link PlivoCalls} offers {@code place(MakeCallRequest)} itself (the safety branch): a thin
 * adapter over {@link PlivoCalls#placeCall} that sorts its {@link MakeCallResult} into a {@link
 * MakeCallOutcome}: 429, 503 and no connection as not placed, any other 5xx as ambiguous (a call
 * may exist).
 */
@Component
public class MakeCalls {

  private final PlivoCalls plivo;
  private final String callbackBase;

  MakeCalls(PlivoCalls plivo, WorkerProperties properties) {
    this.plivo = plivo;
    String base = properties.publicUrl().toString();
    this.callbackBase = (base.endsWith("/") ? base : base + "/") + "plivo/";
  }

  /** Sends one Make-Call request and says what it came to. */
  public MakeCallOutcome place(MakeCallRequest request) {
    MakeCallResult result =
        plivo.placeCall(
            new PlivoCalls.CallRequest(
                request.from(),
                request.to(),
                callbackUrl("answer", request),
                callbackUrl("hangup", request),
                callbackUrl("ring", request)));
    if (result instanceof MakeCallResult.Placed placed) {
      return new MakeCallOutcome.Placed(placed.requestUuid());
    }
    if (result instanceof MakeCallResult.Refused refused) {
      return new MakeCallOutcome.Refused(refused.reason(), refused.status(), refused.message());
    }
    if (result instanceof MakeCallResult.Transient failure
        && !failure.reason().equals("plivo-5xx")) {
      return new MakeCallOutcome.NotPlaced(failure.reason(), null, failure.message());
    }
    String message =
        result instanceof MakeCallResult.Transient failure
            ? failure.message()
            : ((MakeCallResult.Uncertain) result).message();
    return new MakeCallOutcome.Ambiguous(result.reason(), message);
  }

  private URI callbackUrl(String kind, MakeCallRequest request) {
    return URI.create(callbackBase + kind + "/" + request.callId());
  }
}
