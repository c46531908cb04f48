package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.store.campaign.CampaignDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
// produces: an Accept header the answer cannot meet is refused (406) before the state changes
@RequestMapping(value = "/api/v1/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Campaigns")
class CampaignController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final CampaignService campaigns;
  private final CampaignTransitions transitions;
  private final CampaignProgress progress;

  CampaignController(
      CampaignService campaigns, CampaignTransitions transitions, CampaignProgress progress) {
    this.campaigns = campaigns;
    this.transitions = transitions;
    this.progress = progress;
  }

  @PostMapping
  @Operation(
      summary = "Create a campaign",
      description =
          "Without scheduledTime it is due at once. A repeated request with the same"
              + " Idempotency-Key answers the campaign the first one created (header"
              + " Idempotency-Replayed: true); the same key with another body answers 409.")
  ResponseEntity<CampaignView> create(
      Caller caller,
      @RequestBody CreateCampaignRequest request,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
    CampaignService.Created created =
        campaigns.create(
            caller,
            caller.requireTenant(),
            caller.subject(),
            request,
            Deduplication.byKey(idempotencyKey));
    CampaignDocument campaign = created.campaign();
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/api/v1/campaigns/" + campaign.id()))
        .header("Idempotency-Replayed", String.valueOf(created.replayed()))
        .body(CampaignView.of(campaign));
  }

  @GetMapping
  @Operation(
      summary = "Campaigns sorted by scheduledTime",
      description =
          "status may repeat or be comma-separated; from/to bound scheduledTime as [from, to);"
              + " clientId filters by tenant for admins.")
  PageView<CampaignView> search(
      Caller caller,
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String clientId,
      @RequestParam(required = false) String order,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    var search = CampaignSearch.of(status, from, to, clientId, order);
    return campaigns.search(caller, search, Paging.of(page, size)).map(CampaignView::of);
  }

  @GetMapping("/{id}")
  @Operation(summary = "A campaign with its progress")
  CampaignView get(Caller caller, @PathVariable String id) {
    CampaignDocument campaign = campaigns.get(caller, id);
    return CampaignView.of(campaign, progress.of(campaign));
  }

  @PostMapping("/{id}/pause")
  @Operation(summary = "running → paused")
  CampaignView pause(Caller caller, @PathVariable String id) {
    return CampaignView.of(transitions.pause(caller, id));
  }

  @PostMapping("/{id}/resume")
  @Operation(summary = "paused → running")
  CampaignView resume(Caller caller, @PathVariable String id) {
    return CampaignView.of(transitions.resume(caller, id));
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "scheduled, running or paused → cancelled")
  CampaignView cancel(Caller caller, @PathVariable String id) {
    return CampaignView.of(transitions.cancel(caller, id));
  }

  @PutMapping("/{id}/schedule")
  @Operation(summary = "Reschedule a campaign that has not started")
  CampaignView reschedule(
      Caller caller, @PathVariable String id, @RequestBody RescheduleRequest request) {
    return CampaignView.of(transitions.reschedule(caller, id, request.scheduledTime()));
  }

  /**
   * @param scheduledTime ISO 8601 with an offset or Z, in the future, within the horizon
   */
  record RescheduleRequest(String scheduledTime) {}
}
