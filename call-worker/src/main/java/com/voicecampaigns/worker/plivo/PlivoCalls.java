package com.voicecampaigns.worker.plivo;

import com.plivo.api.PlivoClient;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;
import com.plivo.api.models.call.CallCreator;
import com.voicecampaigns.model.campaign.MachineDetection;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Places calls through plivo-java, exactly one Make-Call request per {@link #place} (the {@link
 * PlivoErrorInterceptor} keeps plivo-java from re-POSTing to its fallback hosts after a 5xx, the
 * client never retries on its own), and says what the request came to ({@link AnswerClassifier}).
 */
@Component
public class PlivoCalls {

  private final PlivoClient client;
  private final CallbackUrls urls;
  private final PlivoProperties properties;
  private final WorkerMetrics metrics;
  private final Clock clock;

  PlivoCalls(
      PlivoClient client,
      CallbackUrls urls,
      PlivoProperties properties,
      WorkerMetrics metrics,
      Clock clock) {
    this.client = client;
    this.urls = urls;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Asks Plivo to place one call, with POST answer, hangup and ring callbacks. */
  public MakeCallOutcome place(MakeCallRequest request) {
    return place(request, LastCheck.NONE);
  }

  /**
   * Asks Plivo to place one call, unless {@code lastCheck}, run right before the request is
   * written, withholds it.
   */
  public MakeCallOutcome place(MakeCallRequest request, LastCheck lastCheck) {
    long started = System.nanoTime();
    String status = "error";
    try {
      CallCreator creator =
          Call.creator(request.from(), List.of(request.to()), urls.answer(request).toString())
              .answerMethod("POST")
              .hangupUrl(urls.hangup(request).toString())
              .hangupMethod("POST")
              .ringUrl(urls.ring(request).toString())
              .ringMethod("POST")
              .ringTimeout(properties.ringTimeout().toSeconds())
              .timeLimit(properties.timeLimit().toSeconds());
      withMachineDetection(creator, request);
      CallCreateResponse response;
      try (LastCheckInterceptor.Scope checked = LastCheckInterceptor.use(lastCheck)) {
        response = creator.client(client).create();
      }
      status = "201";
      String requestUuid = response == null ? null : response.getRequestUuid();
      if (requestUuid == null || requestUuid.isBlank()) {
        status = "unreadable";
        return new MakeCallOutcome.Ambiguous(
            "unreadable", "Plivo accepted the request but named no request_uuid");
      }
      return new MakeCallOutcome.Placed(requestUuid);
    } catch (LastCheckInterceptor.RequestWithheldException e) {
      status = "withheld";
      return new MakeCallOutcome.Withheld();
    } catch (PlivoApiException e) {
      status = Integer.toString(e.status());
      return AnswerClassifier.ofStatus(e, clock.instant());
    } catch (IOException | RuntimeException e) {
      MakeCallOutcome outcome = AnswerClassifier.ofFailure(e);
      status = outcome.reason();
      return outcome;
    } catch (PlivoRestException e) {
      // not reached while PlivoErrorInterceptor is installed: every error status raises there
      status = "rest";
      return new MakeCallOutcome.Ambiguous("plivo-error", e.getMessage());
    } finally {
      metrics.plivoRequest(status, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /**
   * {@code machine_detection} as the campaign asks: {@code hangup} detects asynchronously and
   * reports to {@code machine_detection_url} (the person who answers hears the bot at once; a
   * machine is hung up on); {@code true} (the campaign's {@code bot}) detects before the answer
   * callback, which then carries {@code Machine}.
   */
  private void withMachineDetection(CallCreator creator, MakeCallRequest request) {
    String detection = request.machineDetection().plivoMachineDetection();
    if (detection == null) {
      return;
    }
    creator.machineDetection(detection);
    if (request.machineDetection() == MachineDetection.HANGUP) {
      creator.machineDetectionUrl(urls.machine(request).toString()).machineDetectionMethod("POST");
    }
  }
}
