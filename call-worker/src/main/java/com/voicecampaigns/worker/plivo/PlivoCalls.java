package com.voicecampaigns.worker.plivo;

import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.models.call.Call;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places calls through plivo-java, one Make-Call request per {@link #placeCall} (the {@link
 * PlivoErrorInterceptor} keeps plivo-java from re-POSTing to its fallback hosts), and says what the
 * request came to.
 */
@Component
public class PlivoCalls {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PlivoClient client;
  private final PlivoProperties properties;
  private final WorkerMetrics metrics;

  PlivoCalls(PlivoClient client, PlivoProperties properties, WorkerMetrics metrics) {
    this.client = client;
    this.properties = properties;
    this.metrics = metrics;
  }

  /** Asks Plivo to place one call, with POST answer, hangup and ring callbacks. */
  public MakeCallResult placeCall(CallRequest request) {
    long started = System.nanoTime();
    String status = "error";
    try {
      String requestUuid =
          Call.creator(request.from(), List.of(request.to()), request.answerUrl().toString())
              .answerMethod("POST")
              .hangupUrl(request.hangupUrl().toString())
              .hangupMethod("POST")
              .ringUrl(request.ringUrl().toString())
              .ringMethod("POST")
              .ringTimeout(properties.ringTimeout().toSeconds())
              .timeLimit(properties.timeLimit().toSeconds())
              .client(client)
              .create()
              .getRequestUuid();
      status = "201";
      return new MakeCallResult.Placed(requestUuid);
    } catch (PlivoApiException e) {
      status = Integer.toString(e.status());
      return classify(e);
    } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
      status = "connect";
      return new MakeCallResult.Transient("connect", e.toString());
    } catch (InterruptedIOException e) {
      status = "timeout";
      return new MakeCallResult.Uncertain("timeout", "Plivo did not answer in time: " + e);
    } catch (IOException e) {
      status = "io";
      return new MakeCallResult.Uncertain("io", "the Make-Call request broke off: " + e);
    } catch (PlivoRestException e) {
      // not reached while PlivoErrorInterceptor is installed: every error status raises there
      status = "rest";
      return new MakeCallResult.Transient("plivo-error", e.getMessage());
    } catch (RuntimeException e) {
      // e.g. an answer plivo-java could not read: whether a call was placed is not known
      status = "client-error";
      return new MakeCallResult.Uncertain("client-error", e.toString());
    } finally {
      metrics.plivoRequest(status, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static MakeCallResult classify(PlivoApiException e) {
    int status = e.status();
    if (status == 429) {
      return new MakeCallResult.Transient("plivo-429", message(e));
    }
    if (status == 503) {
      return new MakeCallResult.Transient("plivo-503", message(e));
    }
    if (status >= 500) {
      return new MakeCallResult.Transient("plivo-5xx", message(e));
    }
    return new MakeCallResult.Refused(
        status, message(e), !MakeCallResult.Refused.aboutTheNumber(status));
  }

  /** Plivo's own words from an error body ({@code {"error": "..."}}), else the status. */
  static String message(PlivoApiException e) {
    try {
      JsonNode body = JSON.readTree(e.body());
      JsonNode error = body.get("error");
      if (error != null && !error.isNull()) {
        return "Plivo "
            + e.status()
            + ": "
            + (error.isString() ? error.asString() : error.toString());
      }
    } catch (RuntimeException notJson) {
      // fall through
    }
    return e.getMessage();
  }

  /** The destination of one call and the callback URLs that carry its call id. */
  public record CallRequest(String from, String to, URI answerUrl, URI hangupUrl, URI ringUrl) {}
}
