package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ErrorResponses;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.store.campaign.CampaignDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/campaigns/{id}/events}: a campaign's progress as Server-Sent Events. Its
 * errors are written here, before the stream starts, because a client that accepts only {@code
 * text/event-stream} would get no problem detail from Spring MVC's content negotiation.
 */
@RestController
@Tag(name = "Campaigns")
class ProgressStreamController {

  static final String RETRY_AFTER_SECONDS = "5";

  private final CampaignService campaigns;
  private final ProgressStreams streams;
  private final ErrorResponses errors;

  ProgressStreamController(
      CampaignService campaigns, ProgressStreams streams, ErrorResponses errors) {
    this.campaigns = campaigns;
    this.streams = streams;
    this.errors = errors;
  }

  @GetMapping("/api/v1/campaigns/{id}/events")
  @Operation(
      summary = "A campaign's progress as Server-Sent Events",
      description =
          "event: progress (data: the campaign as GET /api/v1/campaigns/{id} answers it) on"
              + " connect and on each change; a ': heartbeat' comment line every"
              + " api.progress-streams.heartbeat-interval; once the campaign is finished a last"
              + " progress event, then event: end, and the stream closes (close the EventSource"
              + " on end, or it reconnects). 404 for another tenant's campaign; 503"
              + " (streams-busy, Retry-After) when the instance holds as many streams as it may.",
      responses =
          @ApiResponse(
              responseCode = "200",
              content =
                  @Content(
                      mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                      schema = @Schema(implementation = CampaignView.class))))
  SseEmitter events(
      Caller caller,
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    CampaignDocument campaign;
    try {
      campaign = campaigns.get(caller, id);
    } catch (ApiProblem problem) {
      errors.write(request, response, problem.status(), problem.type(), problem.detail());
      return null;
    }
    Optional<SseEmitter> stream = streams.open(campaign);
    if (stream.isEmpty()) {
      response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      errors.write(
          request,
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          ProblemTypes.STREAMS_BUSY,
          "this instance holds as many progress streams as it may; retry in "
              + RETRY_AFTER_SECONDS
              + " seconds");
      return null;
    }
    response.setHeader("X-Accel-Buffering", "no"); // nginx: pass each event on at once
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    return stream.get();
  }
}
