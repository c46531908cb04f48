package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.store.campaign.CampaignDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cut-over's way in: campaigns of the old service, recreated here ({@code bin/seed-cutover}).
 */
@RestController
// produces: an Accept header the answer cannot meet is refused (406) before anything is stored
@RequestMapping(value = "/api/v1/campaign-imports", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Campaigns")
class CampaignImportController {

  private final CampaignImports imports;

  CampaignImportController(CampaignImports imports) {
    this.imports = imports;
  }

  @PostMapping
  @Operation(
      summary = "Import a campaign of another system (the cut-over from the old service)",
      description =
          "Creates the campaign in the status given: scheduled (its time in the future), paused or"
              + " finished, never running. The Idempotency-Key is required and never expires for"
              + " imports: the same key answers the campaign the first import created"
              + " (Idempotency-Replayed: true), with another body 409.")
  ResponseEntity<CampaignView> importCampaign(
      Caller caller,
      @RequestBody ImportCampaignRequest request,
      @RequestHeader(name = CampaignController.IDEMPOTENCY_KEY, required = false)
          String idempotencyKey) {
    CampaignService.Created created = imports.importCampaign(caller, request, idempotencyKey);
    CampaignDocument campaign = created.campaign();
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/api/v1/campaigns/" + campaign.id()))
        .header("Idempotency-Replayed", String.valueOf(created.replayed()))
        .body(CampaignView.of(campaign));
  }
}
