package com.voicecampaigns.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code api.campaigns.seed-deduplication-window} on: a double submit of the UI is one campaign.
 */
@TestPropertySource(properties = "api.campaigns.seed-deduplication-window=10s")
class SeedDeduplicationTests extends ApiTestBase {

  private static final String CREATE = "/plivo/create-campaign";

  @Test
  void aDoubleSubmitAnswersTheFirstCampaign() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));

    Response first = api.post(CREATE, token, body);
    clock.advance(Duration.ofSeconds(9));
    Response second = api.post(CREATE, token, body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.map()).isEqualTo(first.map());
    assertThat(campaignsOfTenant()).isEqualTo(1);
  }

  @Test
  void concurrentDoubleSubmitsCreateOneCampaign() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    var start = new CountDownLatch(1);

    List<CompletableFuture<Response>> submits =
        IntStream.range(0, 4)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            start.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return api.post(CREATE, token, body);
                        }))
            .toList();
    start.countDown();

    List<Response> answers = submits.stream().map(CompletableFuture::join).toList();
    assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
    assertThat(answers.stream().map(r -> r.map().get("campaignId")).distinct()).hasSize(1);
    assertThat(campaignsOfTenant()).isEqualTo(1);
  }

  @Test
  void aDifferentBodyCreatesAnotherCampaign() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    Response first = api.post(CREATE, token, body);
    body.put("campaignName", "Evening Outreach");
    Response renamed = api.post(CREATE, token, body);
    body.put("scheduledBy", "someone-else");
    Response otherScheduler = api.post(CREATE, token, body);

    assertThat(renamed.status()).isEqualTo(200);
    assertThat(otherScheduler.status()).isEqualTo(200);
    assertThat(List.of(first, renamed, otherScheduler).stream().map(r -> r.map().get("campaignId")))
        .doesNotHaveDuplicates();
    assertThat(campaignsOfTenant()).isEqualTo(3);
  }

  @Test
  void theSameBodyAfterTheWindowCreatesANewCampaign() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    Response first = api.post(CREATE, token, body);

    clock.advance(Duration.ofSeconds(10));
    Response later = api.post(CREATE, token, body);
    Response doubleSubmitOfLater = api.post(CREATE, token, body);

    assertThat(later.map().get("campaignId")).isNotEqualTo(first.map().get("campaignId"));
    assertThat(doubleSubmitOfLater.map().get("campaignId"))
        .isEqualTo(later.map().get("campaignId"));
    assertThat(campaignsOfTenant()).isEqualTo(2);
  }

  @Test
  void anIdempotencyKeyTakesPrecedence() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    Response first = api.post(CREATE, token, body, Map.of("Idempotency-Key", "k-1"));
    Response sameBodyOtherKey = api.post(CREATE, token, body, Map.of("Idempotency-Key", "k-2"));

    assertThat(sameBodyOtherKey.map().get("campaignId"))
        .isNotEqualTo(first.map().get("campaignId"));
    assertThat(campaignsOfTenant()).isEqualTo(2);
  }

  private Map<String, Object> seedBody(String listId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("campaignName", "Morning Outreach");
    body.put("listId", listId);
    body.put("fromNumber", FROM);
    body.put("wssUrl", WSS);
    body.put("clientId", tenant);
    body.put("scheduledTime", clock.instant().plus(Duration.ofDays(1)).toString());
    return body;
  }

  private long campaignsOfTenant() {
    return mongo.getCollection("campaigns").countDocuments(new Document("clientId", tenant));
  }
}
