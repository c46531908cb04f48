package com.voicecampaigns.api.compat;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.campaign.CampaignService;
import com.voicecampaigns.api.campaign.CampaignTransitions;
import com.voicecampaigns.api.campaign.CreateCampaignRequest;
import com.voicecampaigns.api.campaign.Deduplication;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.store.campaign.CampaignDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's routes, which the product UI calls unchanged: same paths, bodies and answers ({@code
 * {"status":200,"message":…}}), with the seed's rules (cancel: scheduled, running, paused; pause:
 * running; resume: paused). Behind them is the same service as the resource API.
 */
@RestController
// produces: an Accept header the answer cannot meet is refused (406) before the state changes
@RequestMapping(value = "/plivo", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Seed-compatible routes")
class SeedCampaignController {

  /** JavaScript's {@code Date.toISOString()}, which the seed's messages print. */
  private static final DateTimeFormatter JS_ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final CampaignService campaigns;
  private final CampaignTransitions transitions;
  private final SchedulerTicks ticks;
  private final Duration deduplicationWindow;

  SeedCampaignController(
      CampaignService campaigns,
      CampaignTransitions transitions,
      SchedulerTicks ticks,
      ApiProperties properties) {
    this.campaigns = campaigns;
    this.transitions = transitions;
    this.ticks = ticks;
    this.deduplicationWindow = properties.campaigns().seedDeduplicationWindow();
  }

  @PostMapping("/create-campaign")
  @Operation(
      summary = "Create a campaign (seed route); without scheduledTime it starts at once",
      description =
          "scheduledBy defaults to the token's subject; the campaign's createdBy is always the"
              + " token's subject. With an Idempotency-Key a retry answers the same campaign;"
              + " without one, and with api.campaigns.seed-deduplication-window set, so does the"
              + " same body of the same tenant within that window. endTime and machineDetection"
              + " are optional fields the seed did not have, as on POST /api/v1/campaigns.")
  SeedResponse create(
      Caller caller,
      @RequestBody SeedRequests.CreateCampaign body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    String tenant = tenantOf(caller, body.clientId());
    // the seed treated an empty scheduledTime or scheduledBy as absent (JavaScript falsiness)
    String scheduledTime = blankToNull(body.scheduledTime());
    String scheduledBy = blankToNull(body.scheduledBy());
    if (scheduledBy == null) {
      scheduledBy = caller.subject();
    }
    var request =
        new CreateCampaignRequest(
            body.campaignName(),
            body.listId(),
            body.fromNumber(),
            body.wssUrl(),
            scheduledTime,
            null,
            null,
            null,
            null,
            blankToNull(body.endTime()),
            blankToNull(body.machineDetection()));
    Deduplication deduplication =
        idempotencyKey != null
            ? Deduplication.byKey(idempotencyKey)
            : Deduplication.sameRequestWithin(deduplicationWindow);
    CampaignDocument campaign =
        campaigns.create(caller, tenant, scheduledBy, request, deduplication).campaign();
    if (scheduledTime == null) {
      return new SeedResponse(200, "Campaign started successfully", campaign.id(), null);
    }
    return new SeedResponse(
        200,
        "Campaign scheduled successfully for " + JS_ISO.format(campaign.scheduledTime()),
        campaign.id(),
        scheduledTime);
  }

  @PostMapping("/cancel-campaign")
  @Operation(summary = "Cancel a scheduled, running or paused campaign (seed route)")
  SeedResponse cancel(Caller caller, @RequestBody SeedRequests.CampaignAction body) {
    return act(caller, body, transitions::cancel, "Campaign cancelled successfully");
  }

  @PostMapping("/pause-campaign")
  @Operation(summary = "Pause a running campaign (seed route)")
  SeedResponse pause(Caller caller, @RequestBody SeedRequests.CampaignAction body) {
    return act(caller, body, transitions::pause, "Campaign paused successfully");
  }

  @PostMapping("/resume-campaign")
  @Operation(summary = "Resume a paused campaign (seed route)")
  SeedResponse resume(Caller caller, @RequestBody SeedRequests.CampaignAction body) {
    return act(caller, body, transitions::resume, "Campaign resumed successfully");
  }

  @GetMapping("/check-scheduled-campaigns")
  @Operation(
      summary = "Publish a scheduler tick now (admins only)",
      description =
          "The seed's manual trigger. The dispatcher starts due campaigns on every tick, so this"
              + " only asks it to look now; it answers 202 once the tick is published.")
  ResponseEntity<SeedResponse> checkScheduledCampaigns(Caller caller) {
    if (!ticks.publish(caller.subject())) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(SeedResponse.of(503, "The scheduler tick could not be published; retry later"));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(SeedResponse.of(202, "Scheduler tick published; due campaigns start shortly"));
  }

  private static SeedResponse act(
      Caller caller,
      SeedRequests.CampaignAction body,
      BiFunction<Caller, String, CampaignDocument> transition,
      String message) {
    if (body.campaignId() == null || body.campaignId().isBlank()) {
      throw ApiProblem.invalid("campaignId", "is required");
    }
    CampaignDocument campaign = transition.apply(caller, body.campaignId().strip());
    return new SeedResponse(200, message, campaign.id(), null);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** The token's tenant; an admin may act for the tenant the body names. */
  private static String tenantOf(Caller caller, String clientId) {
    boolean named = clientId != null && !clientId.isBlank();
    if (caller.admin() && named) {
      return clientId.strip();
    }
    String tenant = caller.requireTenant();
    if (named && !tenant.equals(clientId.strip())) {
      throw ApiProblem.forbidden("clientId does not match the tenant of the bearer token");
    }
    return tenant;
  }
}
