package com.voicecampaigns.api.webhook;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(value = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Webhooks")
class WebhookController {

  private final WebhookService webhooks;

  WebhookController(WebhookService webhooks) {
    this.webhooks = webhooks;
  }

  @PostMapping
  @Operation(
      summary = "Register an endpoint",
      description =
          "The answer carries the signing secret (whsec_…), the only time it is shown. Outside"
              + " the local profile the URL must be https and its host public.")
  ResponseEntity<WebhookView> create(Caller caller, @RequestBody CreateWebhookRequest request) {
    WebhookView created = webhooks.create(caller, request);
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/api/v1/webhooks/" + created.id()))
        .body(created);
  }

  @GetMapping
  @Operation(summary = "The tenant's endpoints, oldest first (without secrets)")
  PageView<WebhookView> list(
      Caller caller,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return webhooks.list(caller, Paging.of(page, size));
  }

  @GetMapping("/{id}")
  @Operation(summary = "An endpoint, with its health and why it was disabled")
  WebhookView get(Caller caller, @PathVariable String id) {
    return WebhookView.of(webhooks.get(caller, id));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete an endpoint; its pending deliveries are cancelled")
  ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
    webhooks.delete(caller, id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/deliveries")
  @Operation(
      summary = "The endpoint's delivery log, newest first",
      description = "status filters: pending, delivered, failed, cancelled.")
  PageView<DeliveryView> deliveries(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return webhooks.deliveries(caller, id, status, Paging.of(page, size));
  }
}
