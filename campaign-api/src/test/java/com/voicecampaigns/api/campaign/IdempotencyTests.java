package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import com.voicecampaigns.api.MongoCommandGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyTests extends ApiTestBase {

  private static final String CAMPAIGNS = "/api/v1/campaigns";

  @Autowired MeterRegistry meters;
  @Autowired MongoCommandGate gate;

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

  /**
   * The first request is held in the MongoDB driver right before it inserts its campaign, for as
   * long as the retry takes: the retry must not create a campaign of its own (it used to, after
   * waiting 3 s), and once the first request goes on, both answer the one campaign.
   */
  @Test
  void aFirstRequestHeldBeforeItsInsertAndItsRetryCreateOneCampaign() throws Exception {
    Map<String, Object> body = campaignBody(listWith("+14155552671"), null);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    Response first;
    Response retry;
    try (var hold =
        gate.holdNext(
            MongoCommandGate.insertInto("campaigns", "clientId", new BsonString(tenant)))) {
      CompletableFuture<Response> held =
          CompletableFuture.supplyAsync(() -> api.post(CAMPAIGNS, token, body, key));
      hold.awaitHeld(Duration.ofSeconds(30));

      retry = api.post(CAMPAIGNS, token, body, key);
      assertThat(held).as("the first request is still held").isNotDone();
      hold.release();
      first = held.get(60, TimeUnit.SECONDS);
    }

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    assertThat(first.json().get("id").asString()).isEqualTo(retry.json().get("id").asString());
    assertThat(
            List.of(first, retry).stream()
                .map(r -> r.headers().firstValue("Idempotency-Replayed").orElseThrow()))
        .containsExactlyInAnyOrder("true", "false");
    assertThat(campaignsOfTenant()).isEqualTo(1);
  }

  @Test
  void aKeyPastItsRetentionCreatesANewCampaignWhichLaterRetriesAnswer() {
    Map<String, Object> body = campaignBody(listWith("+14155552671"), null);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    Response original = api.post(CAMPAIGNS, token, body, key);

    clock.advance(Duration.ofHours(24));
    token = tokens.forTenant(tenant);
    Response afterRetention = api.post(CAMPAIGNS, token, body, key);
    Response retry = api.post(CAMPAIGNS, token, body, key);

    assertThat(afterRetention.status()).isEqualTo(201);
    assertThat(afterRetention.headers().firstValue("Idempotency-Replayed")).hasValue("false");
    assertThat(afterRetention.json().get("id").asString())
        .isNotEqualTo(original.json().get("id").asString());
    assertThat(retry.headers().firstValue("Idempotency-Replayed")).hasValue("true");
    assertThat(retry.json().get("id").asString())
        .isEqualTo(afterRetention.json().get("id").asString());
    assertThat(campaignsOfTenant()).isEqualTo(2);
  }

  @Test
  void withinItsRetentionAKeyIsRememberedToTheLastMillisecond() {
    Map<String, Object> body = campaignBody(listWith("+14155552671"), null);
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    Response original = api.post(CAMPAIGNS, token, body, key);

    clock.advance(Duration.ofHours(24).minusMillis(1));
    token = tokens.forTenant(tenant);
    body.put("name", "Evening Outreach");
    Response reused = api.post(CAMPAIGNS, token, body, key);

    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.json().get("campaignId").asString())
        .isEqualTo(original.json().get("id").asString());
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
