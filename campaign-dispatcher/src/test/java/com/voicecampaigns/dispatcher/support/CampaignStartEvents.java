package com.voicecampaigns.dispatcher.support;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code CampaignStart} payloads a topic probe received, parsed. */
public final class CampaignStartEvents {

  private static final JsonMapper json = JsonMapper.builder().build();

  private CampaignStartEvents() {}

  /** One {@code CampaignStart} as it reached the topic. */
  public record Received(String campaignId, String dispatchId) {}

  public static List<Received> parse(List<String> payloads) {
    return payloads.stream()
        .map(json::readTree)
        .map(
            (JsonNode node) ->
                new Received(node.get("campaignId").asString(), node.get("dispatchId").asString()))
        .toList();
  }

  /** The received starts of {@code campaignId}. */
  public static List<Received> of(List<String> payloads, String campaignId) {
    return parse(payloads).stream().filter(e -> e.campaignId().equals(campaignId)).toList();
  }
}
