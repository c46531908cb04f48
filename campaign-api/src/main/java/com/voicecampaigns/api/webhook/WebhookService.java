package com.voicecampaigns.api.webhook;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.FieldError;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.store.webhook.WebhookDeliveries;
import com.voicecampaigns.store.webhook.WebhookDeliveryDocument;
import com.voicecampaigns.store.webhook.WebhookEndpointDocument;
import com.voicecampaigns.store.webhook.WebhookEndpointStore;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Registering, reading and deleting a tenant's endpoints, and their delivery logs. */
@Service
class WebhookService {

  static final int MAX_URL_LENGTH = 2048;
  static final int MAX_DESCRIPTION_LENGTH = 200;

  private final WebhookEndpointStore endpoints;
  private final WebhookDeliveries deliveries;
  private final WebhookTargets targets;
  private final WebhookProperties properties;
  private final Clock clock;

  WebhookService(
      WebhookEndpointStore endpoints,
      WebhookDeliveries deliveries,
      WebhookTargets targets,
      WebhookProperties properties,
      Clock clock) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.targets = targets;
    this.properties = properties;
    this.clock = clock;
  }

  /** A new endpoint of the caller's tenant, with its secret (answered only now). */
  WebhookView create(Caller caller, CreateWebhookRequest request) {
    String tenant = caller.requireTenant();
    var v = new Validation();
    if (request == null) {
      throw ApiProblem.invalid("url", "is required");
    }
    URI url = url(request.url(), v);
    List<String> events = events(request.events(), v);
    String description = request.description();
    if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
      v.reject("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
    }
    v.throwIfInvalid();
    Optional<String> refusal = targets.refusal(url);
    if (refusal.isPresent()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          ProblemTypes.WEBHOOK_TARGET_REFUSED,
          "url " + refusal.get(),
          Map.of("errors", List.of(new FieldError("url", refusal.get()))));
    }
    if (endpoints.count(tenant) >= properties.maxEndpointsPerTenant()) {
      throw ApiProblem.conflict(
          ProblemTypes.WEBHOOK_LIMIT_REACHED,
          "a tenant may register at most " + properties.maxEndpointsPerTenant() + " endpoints",
          Map.of("limit", properties.maxEndpointsPerTenant()));
    }
    String secret = WebhookSigner.newSecret();
    var endpoint =
        new WebhookEndpointDocument(
            "ep_" + UUID.randomUUID().toString().replace("-", ""),
            tenant,
            url.toString(),
            events,
            description,
            secret,
            caller.subject(),
            clock.instant(),
            true,
            null,
            null,
            null,
            0,
            null);
    return WebhookView.of(endpoints.create(endpoint), secret);
  }

  PageView<WebhookView> list(Caller caller, Paging paging) {
    String tenant = caller.tenantFilter();
    List<WebhookView> items =
        endpoints.page(tenant, paging.offset(), paging.size()).stream()
            .map(WebhookView::of)
            .toList();
    return PageView.of(items, paging, endpoints.count(tenant));
  }

  WebhookEndpointDocument get(Caller caller, String id) {
    return endpoints
        .find(id, caller.tenantFilter())
        .orElseThrow(() -> ApiProblem.notFound("no webhook " + id));
  }

  /** Deletes the endpoint; its pending deliveries are cancelled. */
  void delete(Caller caller, String id) {
    WebhookEndpointDocument endpoint = get(caller, id);
    if (endpoints.delete(endpoint.id(), endpoint.clientId())) {
      deliveries.cancelPending(endpoint.id(), "the endpoint was deleted");
    }
  }

  PageView<DeliveryView> deliveries(Caller caller, String id, String status, Paging paging) {
    WebhookEndpointDocument endpoint = get(caller, id);
    WebhookDeliveryDocument.Status wanted = null;
    if (status != null) {
      try {
        wanted = WebhookDeliveryDocument.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid("status", "must be one of pending, delivered, failed, cancelled");
      }
    }
    List<DeliveryView> items =
        deliveries.page(endpoint.id(), wanted, paging.offset(), paging.size()).stream()
            .map(DeliveryView::of)
            .toList();
    return PageView.of(items, paging, deliveries.count(endpoint.id(), wanted));
  }

  private static URI url(String url, Validation v) {
    if (url == null || url.isBlank()) {
      v.reject("url", "is required");
      return null;
    }
    if (url.length() > MAX_URL_LENGTH) {
      v.reject("url", "must be at most " + MAX_URL_LENGTH + " characters");
      return null;
    }
    Optional<URI> parsed = WebhookTargets.parse(url.strip());
    if (parsed.isEmpty()) {
      v.reject("url", "must be an absolute URL with a host");
      return null;
    }
    return parsed.get();
  }

  private static List<String> events(List<String> events, Validation v) {
    if (events == null || events.isEmpty()) {
      v.reject("events", "must name at least one of " + WebhookEventType.wires());
      return List.of();
    }
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String event = events.get(i);
      if (event == null || WebhookEventType.fromWire(event).isEmpty()) {
        v.reject("events[" + i + "]", "must be one of " + WebhookEventType.wires());
      } else if (!valid.contains(event)) {
        valid.add(event);
      }
    }
    return valid;
  }
}
