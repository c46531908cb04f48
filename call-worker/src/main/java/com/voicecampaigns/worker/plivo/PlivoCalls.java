package com.voicecampaigns.worker.plivo;

import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.models.call.Call;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.stereotype.Component;

/** Places calls through plivo-java. */
@Component
public class PlivoCalls {

  private final PlivoClient client;

  PlivoCalls(PlivoClient client) {
    this.client = client;
  }

  /**
   * Asks Plivo to place one call; answers Plivo's {@code request_uuid}.
   *
   * @throws PlivoApiException when Plivo answered with an error status
   * @throws IOException when Plivo could not be reached or did not answer in time
   */
  public String placeCall(String from, String to, URI answerUrl, URI hangupUrl)
      throws IOException, PlivoRestException {
    return Call.creator(from, List.of(to), answerUrl.toString())
        .answerMethod("POST")
        .hangupUrl(hangupUrl.toString())
        .hangupMethod("POST")
        .client(client)
        .create()
        .getRequestUuid();
  }
}
