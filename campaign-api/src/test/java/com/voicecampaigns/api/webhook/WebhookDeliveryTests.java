package com.voicecampaigns.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptDocument.Start;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.call.CallTarget;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.store.webhook.WebhookDeliveries;
import com.voicecampaigns.store.webhook.WebhookDeliveryDocument;
import com.voicecampaigns.store.webhook.WebhookEndpointDocument;
import com.voicecampaigns.store.webhook.WebhookEndpointStore;
import com.voicecampaigns.store.webhook.WebhookEventDocument;
import com.voicecampaigns.store.webhook.WebhookOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events derived from the campaign and call documents, delivered to a real HTTP receiver, signed as
 * Standard Webhooks says, retried with backoff on the test's clock, given up after a day, and
 * endpoints disabled with a reason. The application's own sweeper and deliverer run on their
 * schedule; the tests wait for them with Awaitility and move the clock.
 */
class WebhookDeliveryTests extends ApiTestBase {

  static final JsonMapper JSON = JsonMapper.shared();

  @Autowired CallAttemptStore attempts;
  @Autowired WebhookOutbox outbox;
  @Autowired WebhookDeliveries deliveries;
  @Autowired WebhookEndpointStore endpointStore;
  @Autowired DeliveryClient client;
  @Autowired WebhookProperties properties;
  @Autowired MeterRegistry meters;

  final Receiver receiver = new Receiver();
  final List<String> endpoints = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    endpoints.forEach(id -> api.delete("/api/v1/webhooks/" + id, freshToken()));
    receiver.close();
  }

  @Test
  void reportsAStartedPausedAndResumedCampaignOnceEachSignedWithTheSecret() {
    Map<String, Object> endpoint =
        register("campaign.started", "campaign.paused", "campaign.resumed", "campaign.cancelled");
    String campaignId = scheduledCampaign();
    // stamped after the sweeps so far, which read up to the (standing) clock
    clock.advance(Duration.ofSeconds(1));
    Instant startedAt = clock.instant();
    startAsTheDispatcherWould(campaignId, startedAt);
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);

    Response paused = api.post("/api/v1/campaigns/" + campaignId + "/pause", token, Map.of());
    assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
    Instant pausedAt = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    assertThat(api.post("/api/v1/campaigns/" + campaignId + "/resume", token, Map.of()).status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 3);
    // the later sweeps, the second pass included, find nothing new
    clock.advance(Duration.ofMinutes(3));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> receiver.received().size() == 3);

    var received = receiver.received();
    assertThat(received)
        .extracting(Receiver.Received::id)
        .containsExactly(
            "evt_" + campaignId + "_started",
            "evt_" + campaignId + "_paused_" + pausedAt.toEpochMilli(),
            "evt_" + campaignId + "_resumed_" + pausedAt.toEpochMilli());
    for (var delivery : received) {
      assertSigned(delivery, (String) endpoint.get("secret"));
    }
    JsonNode started = JSON.readTree(received.get(0).body());
    assertThat(started.get("type").asString()).isEqualTo("campaign.started");
    assertThat(started.get("timestamp").asString()).isEqualTo(startedAt.toString());
    assertThat(started.get("data").get("campaignId").asString()).isEqualTo(campaignId);
    assertThat(started.get("data").get("status").asString()).isEqualTo("running");
    JsonNode pausedEvent = JSON.readTree(received.get(1).body());
    assertThat(pausedEvent.get("data").get("status").asString()).isEqualTo("paused");
    assertThat(JSON.readTree(received.get(2).body()).get("type").asString())
        .isEqualTo("campaign.resumed");
  }

  @Test
  void reportsAFailedCampaignWithItsReasonOnce() {
    Map<String, Object> endpoint = register("campaign.failed", "campaign.completed");
    String campaignId = scheduledCampaign();
    clock.advance(Duration.ofSeconds(1));
    Instant failedAt = clock.instant();
    // as the worker fails a campaign that Plivo refused for the account
    setOnCampaign(
        campaignId,
        new Document("status", "failed")
            .append("startedAt", java.util.Date.from(failedAt.minusMillis(500)))
            .append("completedAt", java.util.Date.from(failedAt))
            .append("failureReason", "Plivo refused the account: 401")
            .append("updatedAt", java.util.Date.from(failedAt)));
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
    clock.advance(Duration.ofMinutes(3)); // the gap pass finds nothing new
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> receiver.received().size() == 1);

    Receiver.Received delivery = receiver.received().get(0);
    assertThat(delivery.id()).isEqualTo("evt_" + campaignId + "_failed");
    assertSigned(delivery, (String) endpoint.get("secret"));
    JsonNode event = JSON.readTree(delivery.body());
    assertThat(event.get("type").asString()).isEqualTo("campaign.failed");
    assertThat(event.get("timestamp").asString()).isEqualTo(failedAt.toString());
    assertThat(event.get("data").get("status").asString()).isEqualTo("failed");
    assertThat(event.get("data").get("failureReason").asString())
        .isEqualTo("Plivo refused the account: 401");
  }

  @Test
  void reportsAnsweredEndedAndUnknownCallsWithTheContactsVariables() {
    register("call.answered", "call.ended", "call.unknown");
    String campaignId = scheduledCampaign();
    Map<String, Object> contact = firstContactOf(campaignId);
    var target =
        new CallTarget(
            campaignId,
            tenant,
            (String) contact.get("id"),
            (String) contact.get("phone"),
            FROM,
            null);
    var lease = new Lease(campaignId, "dispatch-1", "worker-1");
    Instant now = clock.instant();
    CallAttemptDocument answered = CallAttemptDocument.first(target, Start.dialing(lease), now);
    assertThat(attempts.insert(answered)).isTrue();
    assertThat(attempts.startRequest(answered.id(), lease, now)).isTrue();
    attempts.answer(answered.id(), "call-uuid-1", "request-uuid-1", now.plusSeconds(5));
    attempts.hangUp(
        answered.id(),
        "call-uuid-1",
        CallStatus.COMPLETED,
        "NORMAL_CLEARING",
        42,
        now.plusSeconds(47));
    CallAttemptDocument lost = answered.retry(now, now);
    assertThat(attempts.insert(lost)).isTrue();
    assertThat(attempts.claimDuePending(lease, now)).isPresent();
    assertThat(attempts.markUnknown(lost.id(), "the worker died before Plivo answered", now))
        .isPresent();
    clock.advance(Duration.ofSeconds(60));

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 3);
    assertThat(receiver.received())
        .extracting(Receiver.Received::id)
        .containsExactlyInAnyOrder(
            "evt_" + answered.id() + "_answered",
            "evt_" + answered.id() + "_ended_completed",
            "evt_" + lost.id() + "_unknown");
    JsonNode ended = JSON.readTree(receiver.ofType("call.ended").get(0).body());
    assertThat(ended.get("timestamp").asString()).isEqualTo(now.plusSeconds(47).toString());
    JsonNode data = ended.get("data");
    assertThat(data.get("callId").asString()).isEqualTo(answered.id());
    assertThat(data.get("campaignId").asString()).isEqualTo(campaignId);
    assertThat(data.get("contactId").asString()).isEqualTo(contact.get("id"));
    assertThat(data.get("attempt").asInt()).isEqualTo(1);
    assertThat(data.get("status").asString()).isEqualTo("completed");
    assertThat(data.get("hangupCause").asString()).isEqualTo("NORMAL_CLEARING");
    assertThat(data.get("durationSeconds").asInt()).isEqualTo(42);
    assertThat(data.get("to").asString()).isEqualTo(contact.get("phone"));
    assertThat(data.get("variables").get("plan").asString()).isEqualTo("gold");
    JsonNode unknown = JSON.readTree(receiver.ofType("call.unknown").get(0).body());
    assertThat(unknown.get("data").get("attempt").asInt()).isEqualTo(2);
  }

  @Test
  void retriesWithExponentialBackoffUnderTheSameEventId() {
    String endpointId = (String) register("campaign.cancelled").get("id");
    double retriedBefore = attempts("retried");
    double deliveredBefore = attempts("delivered");
    receiver.answer(500, 503);
    String campaignId = scheduledCampaign();
    assertThat(api.post("/api/v1/campaigns/" + campaignId + "/cancel", token, Map.of()).status())
        .isEqualTo(200);

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
    JsonNode pending = awaitDelivery(endpointId, "pending", 1);
    assertThat(pending.get("lastStatusCode").asInt()).isEqualTo(500);
    assertThat(pending.get("nextAttemptAt").asString())
        .isEqualTo(clock.instant().plusSeconds(5).toString());
    clock.advance(Duration.ofSeconds(4));
    await() // not before its backoff
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(5))
        .until(() -> receiver.received().size() == 1);

    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
    assertThat(awaitDelivery(endpointId, "pending", 2).get("nextAttemptAt").asString())
        .isEqualTo(clock.instant().plusSeconds(10).toString());
    clock.advance(Duration.ofSeconds(10));
    JsonNode delivered = awaitDelivery(endpointId, "delivered", 3);

    assertThat(delivered.get("lastStatusCode").asInt()).isEqualTo(204);
    assertThat(receiver.received())
        .extracting(Receiver.Received::id)
        .containsOnly("evt_" + campaignId + "_cancelled")
        .hasSize(3);
    assertThat(attempts("retried")).isGreaterThanOrEqualTo(retriedBefore + 2);
    assertThat(attempts("delivered")).isGreaterThanOrEqualTo(deliveredBefore + 1);
    JsonNode endpoint = api.get("/api/v1/webhooks/" + endpointId, token).json();
    assertThat(endpoint.get("failingSince").isNull()).isTrue();
    assertThat(endpoint.get("consecutiveFailures").asInt()).isZero();
  }

  @Test
  void givesUpAfterADayOfFailuresAndDisablesTheEndpointWithTheReason() {
    String endpointId = (String) register("campaign.cancelled").get("id");
    for (int i = 0; i < 100; i++) {
      receiver.answer(500);
    }
    String campaignId = scheduledCampaign();
    Instant queued = clock.instant();
    api.post("/api/v1/campaigns/" + campaignId + "/cancel", token, Map.of());
    var backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1));

    int attempt = 1;
    JsonNode delivery;
    while ((delivery = awaitAttempts(endpointId, attempt))
        .get("status")
        .asString()
        .equals("pending")) {
      clock.advance(backoff.after(attempt));
      attempt++;
    }

    assertThat(delivery.get("status").asString()).isEqualTo("failed");
    assertThat(Duration.between(queued, clock.instant())).isLessThanOrEqualTo(Duration.ofHours(24));
    assertThat(Duration.between(queued, clock.instant().plus(backoff.after(attempt))))
        .isGreaterThan(Duration.ofHours(24));
    assertThat(receiver.received()).hasSize(attempt);
    JsonNode endpoint = api.get("/api/v1/webhooks/" + endpointId, freshToken()).json();
    assertThat(endpoint.get("enabled").asBoolean()).isFalse();
    assertThat(endpoint.get("disabledReason").asString())
        .startsWith("every attempt failed since ")
        .contains("(" + attempt + " attempts)")
        .endsWith("the receiver answered 500");
  }

  @Test
  void aReceiverThatAnswers410IsDisabledAtOnce() {
    String endpointId = (String) register("campaign.cancelled").get("id");
    receiver.answer(410);
    String campaignId = scheduledCampaign();
    api.post("/api/v1/campaigns/" + campaignId + "/cancel", token, Map.of());

    JsonNode delivery = awaitDelivery(endpointId, "cancelled", 1);
    assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(410);
    JsonNode endpoint = api.get("/api/v1/webhooks/" + endpointId, token).json();
    assertThat(endpoint.get("enabled").asBoolean()).isFalse();
    assertThat(endpoint.get("disabledReason").asString())
        .isEqualTo("the receiver answered 410 Gone");
    clock.advance(Duration.ofMinutes(5));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> receiver.received().size() == 1);
  }

  @Test
  void replicasSharingTheDatabaseDeliverEachEventExactlyOnce() throws Exception {
    String endpointId = (String) register("campaign.completed").get("id");
    WebhookEndpointDocument endpoint = endpointStore.find(endpointId, tenant).orElseThrow();
    Instant now = clock.instant();
    int events = 150;
    for (int i = 0; i < events; i++) {
      var event =
          new WebhookEventDocument(
              "evt_replicas_" + UUID.randomUUID(),
              "campaign.completed",
              tenant,
              "c",
              now,
              "{}",
              now);
      outbox.record(event, List.of(endpoint), now);
    }
    // three more deliverers besides the application's own, sharing nothing but MongoDB
    List<WebhookDeliverer> replicas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      replicas.add(
          new WebhookDeliverer(
              deliveries, endpointStore, client, properties, clock, new SimpleMeterRegistry()));
    }
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService drivers = Executors.newFixedThreadPool(replicas.size());
    try {
      for (WebhookDeliverer replica : replicas) {
        drivers.execute(
            () -> {
              while (!done.get()) {
                replica.sendDue();
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
              }
            });
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= events);
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(5))
          .until(() -> receiver.received().size() == events);
    } finally {
      done.set(true);
      drivers.shutdown();
      drivers.awaitTermination(10, TimeUnit.SECONDS);
      replicas.forEach(WebhookDeliverer::stop);
    }
    assertThat(receiver.received().stream().map(Receiver.Received::id).distinct()).hasSize(events);
    assertThat(deliveries.count(endpointId, WebhookDeliveryDocument.Status.DELIVERED))
        .isEqualTo(events);
  }

  private Map<String, Object> register(String... events) {
    Response created =
        api.post(
            "/api/v1/webhooks", token, Map.of("url", receiver.url(), "events", List.of(events)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    endpoints.add((String) created.map().get("id"));
    return created.map();
  }

  private void startAsTheDispatcherWould(String campaignId, Instant now) {
    setOnCampaign(
        campaignId,
        new Document("status", "running")
            .append("startedAt", java.util.Date.from(now))
            .append("updatedAt", java.util.Date.from(now)));
  }

  /** Sets {@code fields} on the campaign document, as another service's write would. */
  private void setOnCampaign(String campaignId, Document fields) {
    mongo
        .getCollection("campaigns")
        .updateOne(new Document("_id", new ObjectId(campaignId)), new Document("$set", fields));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> firstContactOf(String campaignId) {
    String listId = (String) api.get("/api/v1/campaigns/" + campaignId, token).map().get("listId");
    var page = api.get("/api/v1/contact-lists/" + listId + "/contacts", token).map();
    return ((List<Map<String, Object>>) page.get("items")).get(0);
  }

  /** A scheduled campaign whose first contact has variables. */
  @Override
  protected String scheduledCampaign() {
    var list =
        api.post(
            "/api/v1/contact-lists",
            token,
            Map.of(
                "name",
                "crm",
                "contacts",
                List.of(
                    Map.of(
                        "phone",
                        "+14155552671",
                        "name",
                        "Ada",
                        "variables",
                        Map.of("plan", "gold")))));
    assertThat(list.status()).as(list.toString()).isEqualTo(201);
    var created =
        api.post(
            "/api/v1/campaigns",
            token,
            campaignBody(
                (String) list.map().get("id"), clock.instant().plusSeconds(3600).toString()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return (String) created.map().get("id");
  }

  private JsonNode awaitDelivery(String endpointId, String status, int attempts) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get("/api/v1/webhooks/" + endpointId + "/deliveries", token)
                    .json()
                    .get("items")
                    .get(0),
            d ->
                d != null
                    && d.get("status").asString().equals(status)
                    && d.get("attempts").asInt() == attempts);
  }

  private JsonNode awaitAttempts(String endpointId, int attempts) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> latestDelivery(endpointId),
            d -> d != null && d.get("attempts").asInt() == attempts);
  }

  private JsonNode latestDelivery(String endpointId) {
    Response log = api.get("/api/v1/webhooks/" + endpointId + "/deliveries", freshToken());
    if (log.status() != 200) {
      throw new AssertionError("the delivery log answered " + log);
    }
    return log.json().get("items").get(0);
  }

  private double attempts(String outcome) {
    var counter = meters.find("api.webhooks.attempts").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  /** A token valid at the clock's time (it moves a day in one test). */
  private String freshToken() {
    return tokens.forTenant(tenant);
  }

  /** The receiver's check, as the README shows it. */
  static void assertSigned(Receiver.Received delivery, String secret) {
    try {
      String id = delivery.headers().get("webhook-id");
      String timestamp = delivery.headers().get("webhook-timestamp");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
      String expected =
          "v1,"
              + Base64.getEncoder()
                  .encodeToString(
                      mac.doFinal(
                          (id + "." + timestamp + "." + delivery.body())
                              .getBytes(StandardCharsets.UTF_8)));
      assertThat(List.of(delivery.headers().get("webhook-signature").split(" ")))
          .contains(expected);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
