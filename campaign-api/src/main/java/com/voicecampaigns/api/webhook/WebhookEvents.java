package com.voicecampaigns.api.webhook;

import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.webhook.WebhookEndpointDocument;
import com.voicecampaigns.store.webhook.WebhookEndpointStore;
import com.voicecampaigns.store.webhook.WebhookEventDocument;
import com.voicecampaigns.store.webhook.WebhookOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a campaign or a call attempt, as it is now, into the events it implies, and records them
 * ({@link WebhookOutbox}) for the endpoints that want them. Each event's id is derived from the
 * document and the transition, never from when it was seen, so every sweep, replica and the API
 * itself derive the same id for the same change:
 *
 * <ul>
 *   <li>{@code campaign.started}: {@code startedAt} is set (once per campaign);
 *   <li>{@code campaign.paused}: paused, keyed by the pause's {@code updatedAt};
 *   <li>{@code campaign.resumed}: running, completed or failed after a recorded pause that happened
 *       before the document's {@code updatedAt}, keyed by that pause;
 *   <li>{@code campaign.completed}, {@code .failed}, {@code .cancelled}: the final status;
 *   <li>{@code call.answered}: {@code answeredAt} is set (once per attempt);
 *   <li>{@code call.ended}: a final status of an attempt that was dialled (a pending attempt
 *       cancelled is none), keyed by the status: an {@code expired} attempt that a late hangup
 *       reconciles ends a second time, with its real outcome;
 *   <li>{@code call.unknown}: the attempt is {@code unknown}.
 * </ul>
 *
 * Events are recorded only for tenants with an enabled endpoint, and queued for those of its
 * endpoints that subscribed to the type.
 */
@Component
class WebhookEvents {

  private final WebhookOutbox outbox;
  private final WebhookEndpointStore endpoints;
  private final ContactListLookup contacts;
  private final JsonMapper json;
  private final Clock clock;

  WebhookEvents(
      WebhookOutbox outbox,
      WebhookEndpointStore endpoints,
      ContactListLookup contacts,
      JsonMapper json,
      Clock clock) {
    this.outbox = outbox;
    this.endpoints = endpoints;
    this.contacts = contacts;
    this.json = json;
    this.clock = clock;
  }

  /** The enabled endpoints of each tenant, read once per sweep. */
  final class Pass {
    private final Map<String, List<WebhookEndpointDocument>> byTenant = new HashMap<>();

    List<WebhookEndpointDocument> of(String clientId) {
      return byTenant.computeIfAbsent(clientId, endpoints::enabled);
    }
  }

  Pass pass() {
    return new Pass();
  }

  /** Records the events of each campaign state in order (the API, right after a transition). */
  void changed(CampaignDocument... states) {
    Pass pass = pass();
    for (CampaignDocument state : states) {
      campaign(pass, state);
    }
  }

  /** Records every event the campaign's current state implies. */
  void campaign(Pass pass, CampaignDocument campaign) {
    if (pass.of(campaign.clientId()).isEmpty()) {
      return;
    }
    String id = campaign.id();
    if (campaign.startedAt() != null) {
      record(
          pass, campaign, WebhookEventType.CAMPAIGN_STARTED, id + "_started", campaign.startedAt());
    }
    CampaignStatus status = campaign.status();
    switch (status) {
      case PAUSED -> {
        String key = id + "_paused_" + campaign.updatedAt().toEpochMilli();
        record(pass, campaign, WebhookEventType.CAMPAIGN_PAUSED, key, campaign.updatedAt());
      }
      case RUNNING -> resumedIfPausedBefore(pass, campaign);
      case COMPLETED, FAILED, CANCELLED -> {
        if (status != CampaignStatus.CANCELLED) {
          resumedIfPausedBefore(pass, campaign); // a paused campaign is cancelled without resuming
        }
        WebhookEventType type = WebhookEventType.valueOf("CAMPAIGN_" + status.name());
        Instant at = campaign.completedAt() != null ? campaign.completedAt() : campaign.updatedAt();
        record(pass, campaign, type, id + "_" + status.wire(), at);
      }
      default -> {}
    }
  }

  void callAnswered(Pass pass, CallAttemptDocument call) {
    if (call.answeredAt() != null) {
      record(
          pass, call, WebhookEventType.CALL_ANSWERED, call.id() + "_answered", call.answeredAt());
    }
  }

  void callEnded(Pass pass, CallAttemptDocument call) {
    boolean dialled =
        call.dialedAt() != null || call.requestUuid() != null || call.callUuid() != null;
    if (call.endedAt() != null && call.status().isTerminal() && dialled) {
      String key = call.id() + "_ended_" + call.status().wire();
      record(pass, call, WebhookEventType.CALL_ENDED, key, call.endedAt());
    }
  }

  void callUnknown(Pass pass, CallAttemptDocument call) {
    if (call.status() == CallStatus.UNKNOWN) {
      record(pass, call, WebhookEventType.CALL_UNKNOWN, call.id() + "_unknown", clock.instant());
    }
  }

  private void resumedIfPausedBefore(Pass pass, CampaignDocument campaign) {
    outbox
        .latest(campaign.id(), WebhookEventType.CAMPAIGN_PAUSED.wire())
        .filter(pause -> pause.occurredAt().isBefore(campaign.updatedAt()))
        .ifPresent(
            pause ->
                record(
                    pass,
                    campaign,
                    WebhookEventType.CAMPAIGN_RESUMED,
                    campaign.id() + "_resumed_" + pause.occurredAt().toEpochMilli(),
                    campaign.updatedAt()));
  }

  private void record(
      Pass pass, CampaignDocument campaign, WebhookEventType type, String key, Instant at) {
    String reported =
        switch (type) {
          case CAMPAIGN_STARTED, CAMPAIGN_RESUMED -> CampaignStatus.RUNNING.wire();
          default -> campaign.status().wire();
        };
    record(
        pass,
        campaign.clientId(),
        campaign.id(),
        type,
        key,
        at,
        () -> EventPayloads.CampaignData.of(campaign, reported));
  }

  private void record(
      Pass pass, CallAttemptDocument call, WebhookEventType type, String key, Instant at) {
    record(
        pass,
        call.clientId(),
        call.campaignId(),
        type,
        key,
        at,
        () -> EventPayloads.CallData.of(call, contacts.contact(call.contactId()).orElse(null)));
  }

  /**
   * Records the event unless it is recorded already. Its deliveries are queued before the event
   * itself, so a recorded event always has its deliveries, even if this process dies in between.
   */
  private void record(
      Pass pass,
      String clientId,
      String campaignId,
      WebhookEventType type,
      String key,
      Instant at,
      Supplier<Object> data) {
    List<WebhookEndpointDocument> tenant = pass.of(clientId);
    String eventId = eventId(key);
    if (tenant.isEmpty() || outbox.exists(eventId)) {
      return;
    }
    String body = json.writeValueAsString(new EventPayloads.Envelope(type.wire(), at, data.get()));
    Instant now = clock.instant();
    var event = new WebhookEventDocument(eventId, type.wire(), clientId, campaignId, at, body, now);
    outbox.record(event, tenant.stream().filter(e -> e.wants(type.wire())).toList(), now);
  }

  static String eventId(String key) {
    return "evt_" + key;
  }
}
