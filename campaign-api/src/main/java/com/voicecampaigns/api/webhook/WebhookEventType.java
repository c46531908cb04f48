package com.voicecampaigns.api.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events an endpoint may subscribe to, by their wire name. */
enum WebhookEventType {
  CAMPAIGN_STARTED("campaign.started"),
  CAMPAIGN_PAUSED("campaign.paused"),
  CAMPAIGN_RESUMED("campaign.resumed"),
  CAMPAIGN_COMPLETED("campaign.completed"),
  CAMPAIGN_FAILED("campaign.failed"),
  CAMPAIGN_CANCELLED("campaign.cancelled"),
  CALL_ANSWERED("call.answered"),
  CALL_ENDED("call.ended"),
  CALL_UNKNOWN("call.unknown");

  private final String wire;

  WebhookEventType(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }

  static Optional<WebhookEventType> fromWire(String wire) {
    return Arrays.stream(values()).filter(type -> type.wire.equals(wire)).findFirst();
  }

  static List<String> wires() {
    return Arrays.stream(values()).map(WebhookEventType::wire).toList();
  }
}
