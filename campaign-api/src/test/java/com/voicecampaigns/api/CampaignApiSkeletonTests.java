package com.voicecampaigns.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CampaignApiSkeletonTests {

  static PubSubTopicProbe scheduledEvents;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, CampaignApiSkeletonTests.class);
  }

  @BeforeAll
  static void watchEvents() {
    scheduledEvents = PubSubTopicProbe.watch("campaign-scheduled");
  }

  @AfterAll
  static void stopWatching() {
    scheduledEvents.close();
  }

  @Value("${local.server.port}")
  int port;

  @Test
  @SuppressWarnings("unchecked")
  void storesAScheduledCampaignAndAnnouncesIt() {
    RestClient http = RestClient.create("http://127.0.0.1:" + port);
    Map<String, Object> list =
        http.post()
            .uri("/api/v1/contact-lists")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Map.of(
                    "name",
                    "skeleton",
                    "contacts",
                    List.of(
                        Map.of("phone", "+1 415 555 2671"),
                        Map.of("phone", "+14155552671"),
                        Map.of("phone", "+918035735659", "name", "Asha"),
                        Map.of("phone", "12345"))))
            .retrieve()
            .body(Map.class);
    assertThat(list)
        .containsEntry("accepted", 2)
        .containsEntry("rejected", 1)
        .containsEntry("duplicates", 1);

    Map<String, Object> created =
        http.post()
            .uri("/api/v1/campaigns")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Map.of(
                    "name", "Morning Outreach",
                    "listId", list.get("id"),
                    "fromNumber", "+918035735659",
                    "wssUrl", "wss://bot.example.com/socket",
                    "scheduledTime", "2099-10-02T09:00:00Z"))
            .retrieve()
            .body(Map.class);
    assertThat(created).containsEntry("status", "scheduled");

    Map<String, Object> fetched =
        http.get().uri("/api/v1/campaigns/{id}", created.get("id")).retrieve().body(Map.class);
    assertThat(fetched)
        .containsEntry("status", "scheduled")
        .containsEntry("scheduledTime", "2099-10-02T09:00:00Z")
        .containsEntry("startedAt", null)
        .containsEntry("completedAt", null);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scheduledEvents.received())
                    .anySatisfy(event -> assertThat(event).contains((String) created.get("id"))));
  }
}
