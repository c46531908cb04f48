package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyTests extends ApiTestBase {

  private static final String CAMPAIGNS = "/api/v1/campaigns";

  @Autowired MeterRegistry meters;

  @Test
  void aRetriedCreateWithTheSameKeyAnswersTheSameCampaignAndCountsOnce() {
    Map<String, Object> body = campaignBody(listWith("+14155552671"), null);
    String key = UUID.randomUUID().toString();
    double createdBefore = meters.counter("api.campaigns.created").count();

    Response first = api.post(CAMPAIGNS, token, body, Map.of("Idempotency-Key", key));
    Response retry = api.post(CAMPAIGNS, token, body, Map.of("Idempotency-Key", key));

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    assertThat(first.headers().firstValue("Idempotency-Replayed")).hasValue("false");
    assertThat(retry.headers().firstValue("Idempotency-Replayed")).hasValue("true");
    assertThat(campaignsOfTenant()).isEqualTo(1);
    assertThat(meters.counter("api.campaigns.created").count()).isEqualTo(createdBefore + 1);
  }

  @Test
  void theSameKeyWithAnotherBodyIsAConflict() {
    Map<String, Object> body = campaignBody(listWith("+14155552671"), null);
    String key = UUID.randomUUID().toString();
    Response first = api.post(CAMPAIGNS, token, body, Map.of("Idempotency-Key", key));
    body.put("name", "Evening Outreach");

    Response second = api.post(CAMPAIGNS, token, body, Map.of("Idempotency-Key", key));

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/idempotency-key-reused");
    assertThat(second.json().get("campaignId").asString())
        .isEqualTo(first.json().get("id").asString());
    assertThat(campaignsOfTenant()).isEqualTo(1);
  }

  @Test
  void aKeyBelongsToOneTenant() {
    String key = UUID.randomUUID().toString();
    Response mine =
        api.post(
            CAMPAIGNS,
            token,
            campaignBody(listWith("+14155552671"), null),
            Map.of("Idempotency-Key", key));
    String otherTenant = "other-" + UUID.randomUUID();
    String otherToken = tokens.forTenant(otherTenant);
    token = otherToken;
    Response theirs =
        api.post(
            CAMPAIGNS,
            otherToken,
            campaignBody(listWith("+14155552671"), null),
            Map.of("Idempotency-Key", key));

    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.json().get("id").asString()).isNotEqualTo(mine.json().get("id").asString());
    assertThat(theirs.json().get("clientId").asString()).isEqualTo(otherTenant);
  }

  @Test
  void aRefusedRequestDoesNotUseUpItsKey() {
    String listId = listWith("+14155552671");
    String key = UUID.randomUUID().toString();
    Map<String, Object> bad = campaignBody(listId, "yesterday");

    assertThat(api.post(CAMPAIGNS, token, bad, Map.of("Idempotency-Key", key)).status())
        .isEqualTo(400);
    assertThat(
            api.post(CAMPAIGNS, token, campaignBody(listId, null), Map.of("Idempotency-Key", key))
                .status())
        .isEqualTo(201);
  }

  @Test
  void concurrentIdenticalRequestsCreateOneCampaign() throws Exception {
    Map<String, Object> body = campaignBody(listWith("+14155552671"), null);
    String key = UUID.randomUUID().toString();
    var start = new CountDownLatch(1);

    List<CompletableFuture<Response>> requests =
        IntStream.range(0, 6)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            start.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return api.post(CAMPAIGNS, token, body, Map.of("Idempotency-Key", key));
                        }))
            .toList();
    start.countDown();

    List<Response> responses = requests.stream().map(CompletableFuture::join).toList();
    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
    assertThat(responses.stream().map(r -> r.json().get("id").asString()).distinct()).hasSize(1);
    assertThat(
            responses.stream()
                .filter(
                    r -> r.headers().firstValue("Idempotency-Replayed").orElse("").equals("false")))
        .hasSize(1);
    assertThat(campaignsOfTenant()).isEqualTo(1);
  }

  @Test
  void theSeedRouteHonoursTheKeyToo() {
    String listId = listWith("+14155552671");
    String key = UUID.randomUUID().toString();
    Map<String, Object> body =
        Map.of(
            "campaignName",
            "Seed",
            "listId",
            listId,
            "fromNumber",
            FROM,
            "wssUrl",
            WSS,
            "clientId",
            tenant);

    Response first =
        api.post("/plivo/create-campaign", token, body, Map.of("Idempotency-Key", key));
    Response retry =
        api.post("/plivo/create-campaign", token, body, Map.of("Idempotency-Key", key));

    assertThat(retry.json().get("campaignId").asString())
        .isEqualTo(first.json().get("campaignId").asString());
    assertThat(campaignsOfTenant()).isEqualTo(1);
  }

  private long campaignsOfTenant() {
    return mongo.getCollection("campaigns").countDocuments(new Document("clientId", tenant));
  }
}
