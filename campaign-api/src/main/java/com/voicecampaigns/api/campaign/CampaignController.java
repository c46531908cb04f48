package com.voicecampaigns.api.campaign;

import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

  private final CampaignService campaigns;

  CampaignController(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @PostMapping
  ResponseEntity<CampaignView> create(@Valid @RequestBody CreateCampaignRequest request) {
    Campaign campaign = campaigns.create(Tenant.DEFAULT, null, request);
    return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id()))
        .body(CampaignView.of(campaign));
  }

  @GetMapping("/{id}")
  ResponseEntity<CampaignView> get(@PathVariable String id) {
    return ResponseEntity.of(campaigns.find(Tenant.DEFAULT, id).map(CampaignView::of));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
