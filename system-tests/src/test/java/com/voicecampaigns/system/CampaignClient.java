package com.voicecampaigns.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** What the product UI does, through the campaign API with a valid token. */
final class CampaignClient {

  private final RestClient api;

  CampaignClient(RestClient api) {
    this.api = api;
  }

  /** Uploads a list of {@code numbers} and schedules a campaign on it; answers the campaign. */
  @SuppressWarnings("unchecked")
  Map<String, Object> schedule(
      String name, List<String> numbers, String fromNumber, String wssUrl, Instant scheduledTime) {
    Map<String, Object> list =
        api.post()
            .uri("/api/v1/contact-lists")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Map.of(
                    "name",
                    name,
                    "contacts",
                    numbers.stream().map(number -> Map.of("phone", number)).toList()))
            .retrieve()
            .body(Map.class);
    return api.post()
        .uri("/api/v1/campaigns")
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            Map.of(
                "name", name,
                "listId", list.get("id"),
                "fromNumber", fromNumber,
                "wssUrl", wssUrl,
                "scheduledTime", scheduledTime.toString()))
        .retrieve()
        .body(Map.class);
  }

  /** Waits until the campaign reports {@code status}; answers it as the API shows it then. */
  @SuppressWarnings("unchecked")
  Map<String, Object> awaitStatus(String campaignId, String status, Duration atMost) {
    return await()
        .atMost(atMost)
        .until(
            () -> api.get().uri("/api/v1/campaigns/{id}", campaignId).retrieve().body(Map.class),
            body -> status.equals(body.get("status")));
  }
}
