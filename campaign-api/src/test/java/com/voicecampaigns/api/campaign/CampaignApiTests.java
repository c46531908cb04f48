package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.call.CallTarget;
import com.voicecampaigns.store.campaign.CampaignCounters;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class CampaignApiTests extends ApiTestBase {

  @Autowired CampaignTransitions transitions;
  @Autowired CallAttemptStore attempts;
  @Autowired CampaignCounters counters;

  private static final String CAMPAIGNS = "/api/v1/campaigns";

  private PubSubTopicProbe events;

  @AfterEach
  void stopWatching() {
    if (events != null) {
      events.close();
    }
  }

  @Test
  void storesAScheduledCampaignWithItsPoliciesAndAnnouncesIt() {
    events = watch("campaign-scheduled");
    String listId = listWith("+14155552671", "+442071838750");
    Instant when =
        clock.instant().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Map<String, Object> body = campaignBody(listId, when.toString());
    body.put(
        "callingWindow",
        Map.of(
            "timezone",
            "Asia/Kolkata",
            "start",
            "09:00",
            "end",
            "18:00",
            "days",
            List.of("monday", "FRIDAY")));
    body.put(
        "retryPolicy",
        Map.of("maxAttempts", 3, "retryOn", List.of("busy", "no-answer"), "backoff", "PT15M"));
    body.put("maxConcurrentCalls", 5);
    body.put("callsPerSecond", 0.5);

    Response response = api.post(CAMPAIGNS, token, body);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode view = response.json();
    String id = view.get("id").asString();
    assertThat(response.headers().firstValue("Location")).hasValue(CAMPAIGNS + "/" + id);
    assertThat(view.get("status").asString()).isEqualTo("scheduled");
    assertThat(view.get("scheduledTime").asString()).isEqualTo(when.toString());
    assertThat(view.get("scheduledBy").asString()).isEqualTo("user-" + tenant);
    assertThat(view.get("createdBy").asString()).isEqualTo("user-" + tenant);
    assertThat(view.get("clientId").asString()).isEqualTo(tenant);
    assertThat(view.get("retryPolicy").get("backoffSeconds").asLong()).isEqualTo(900);

    Document stored =
        mongo.getCollection("campaigns").find(new Document("_id", new ObjectId(id))).first();
    assertThat(stored.getString("status")).isEqualTo("scheduled");
    assertThat(stored.getString("clientId")).isEqualTo(tenant);
    assertThat(stored.getString("listId")).isEqualTo(listId);
    assertThat(stored.getString("fromNumber")).isEqualTo(FROM);
    assertThat(stored.getString("wssUrl")).isEqualTo(WSS);
    assertThat(stored.getDate("scheduledTime")).isEqualTo(Date.from(when));
    assertThat(stored.getDate("createdAt")).isEqualTo(Date.from(clock.instant()));
    assertThat(stored.get("callingWindow", Document.class))
        .isEqualTo(
            new Document("timezone", "Asia/Kolkata")
                .append("start", "09:00")
                .append("end", "18:00")
                .append("days", List.of("MONDAY", "FRIDAY")));
    assertThat(stored.get("retryPolicy", Document.class))
        .isEqualTo(
            new Document("maxAttempts", 3)
                .append("retryOn", List.of("busy", "no-answer"))
                .append("backoffSeconds", 900L));
    assertThat(stored.getInteger("maxConcurrentCalls")).isEqualTo(5);
    assertThat(stored.getDouble("callsPerSecond")).isEqualTo(0.5);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(events.received())
                    .anySatisfy(
                        event ->
                            assertThat(event)
                                .contains(id)
                                .contains("\"scheduledTime\":\"" + when)));
  }

  @Test
  void storesACampaignWithoutScheduledTimeAsDueNow() {
    Response response = api.post(CAMPAIGNS, token, campaignBody(listWith("+14155552671"), null));

    assertThat(response.status()).isEqualTo(201);
    assertThat(Instant.parse(response.json().get("scheduledTime").asString()))
        .isEqualTo(clock.instant());
    assertThat(response.json().get("status").asString()).isEqualTo("scheduled");
    assertThat(response.json().get("callingWindow").isNull()).isTrue();
  }

  @Test
  void searchesByStatusAndTimeSortedByScheduledTime() {
    String listId = listWith("+14155552671");
    Instant now = clock.instant();
    String inThree = create(listId, now.plus(Duration.ofHours(3)));
    String inOne = create(listId, now.plus(Duration.ofHours(1)));
    String inTwo = create(listId, now.plus(Duration.ofHours(2)));
    setStatus(inTwo, "running");

    assertThat(ids(api.get(CAMPAIGNS, token))).containsExactly(inOne, inTwo, inThree);
    assertThat(ids(api.get(CAMPAIGNS + "?status=scheduled", token)))
        .containsExactly(inOne, inThree);
    assertThat(ids(api.get(CAMPAIGNS + "?status=running,paused", token))).containsExactly(inTwo);
    assertThat(ids(api.get(CAMPAIGNS + "?status=running&status=scheduled&order=desc", token)))
        .containsExactly(inThree, inTwo, inOne);
    String window =
        "?from=" + now.plus(Duration.ofMinutes(90)) + "&to=" + now.plus(Duration.ofHours(3));
    assertThat(ids(api.get(CAMPAIGNS + window, token))).containsExactly(inTwo);
    JsonNode secondPage = api.get(CAMPAIGNS + "?size=2&page=1", token).json();
    assertThat(secondPage.get("totalItems").asLong()).isEqualTo(3);
    assertThat(secondPage.get("totalPages").asLong()).isEqualTo(2);
    assertThat(secondPage.get("items").get(0).get("id").asString()).isEqualTo(inThree);
  }

  @Test
  void showsProgressFromTheCountersTheCallTransitionsMoved() {
    String listId = listWith("+14155552671", "+442071838750", "+918035735659");
    String id = create(listId, null);
    Instant started = clock.instant();
    mongo
        .getCollection("campaigns")
        .updateOne(
            new Document("_id", new ObjectId(id)),
            new Document(
                "$set", new Document("status", "running").append("startedAt", Date.from(started))));
    Lease lease = new Lease(id, "dispatch-1", "worker-1");
    // contact a: busy, then its retry completes; contact b: no answer; the third: not called
    CallAttemptDocument a = dial(lease, "contact-a");
    attempts.hangUp(a.id(), "call-a", CallStatus.BUSY, "USER_BUSY", 0, started);
    assertThat(attempts.insert(a.retry(started, started))).isTrue();
    CallAttemptDocument retry = attempts.claimDuePending(lease, started).orElseThrow();
    attempts.hangUp(retry.id(), "call-a2", CallStatus.COMPLETED, "NORMAL_CLEARING", 42, started);
    CallAttemptDocument b = dial(lease, "contact-b");
    attempts.hangUp(b.id(), "call-b", CallStatus.NO_ANSWER, "NO_ANSWER", 0, started);

    JsonNode view = api.get(CAMPAIGNS + "/" + id, token).json();

    assertThat(view.get("status").asString()).isEqualTo("running");
    assertThat(view.get("startedAt").asString()).isEqualTo(started.toString());
    assertThat(view.get("completedAt").isNull()).isTrue();
    JsonNode progress = view.get("progress");
    assertThat(progress.get("totalContacts").asLong()).isEqualTo(3);
    assertThat(progress.get("notCalled").asLong()).isEqualTo(1);
    assertThat(progress.get("attempts").asLong()).isEqualTo(3);
    assertThat(progress.get("byStatus").get("completed").asLong()).isEqualTo(1);
    assertThat(progress.get("byStatus").get("no-answer").asLong()).isEqualTo(1);
    assertThat(progress.get("byStatus").has("busy")).isFalse();
    assertThat(progress.get("attemptsByStatus").get("busy").asLong()).isEqualTo(1);
    assertThat(counters.stored(id)).contains(counters.recount(id));
  }

  @Test
  void aCampaignFromBeforeTheCountersIsRecountedFromItsCalls() {
    String id = create(listWith("+14155552671", "+442071838750"), null);
    CallAttemptDocument call = dial(new Lease(id, "dispatch-1", "worker-1"), "contact-a");
    attempts.hangUp(
        call.id(), "call-a", CallStatus.COMPLETED, "NORMAL_CLEARING", 5, clock.instant());
    mongo
        .getCollection("campaigns")
        .updateOne(
            new Document("_id", new ObjectId(id)),
            new Document(
                "$unset",
                new Document("stats", "").append("contactStats", "").append("counters", "")));

    JsonNode progress = api.get(CAMPAIGNS + "/" + id, token).json().get("progress");

    assertThat(progress.get("byStatus").get("completed").asLong()).isEqualTo(1);
    assertThat(progress.get("notCalled").asLong()).isEqualTo(1);
    assertThat(progress.get("attempts").asLong()).isEqualTo(1);
  }

  private CallAttemptDocument dial(Lease lease, String contactId) {
    CallAttemptDocument call =
        CallAttemptDocument.first(
            new CallTarget(lease.campaignId(), tenant, contactId, "+14155552671", FROM, null),
            CallAttemptDocument.Start.dialing(lease),
            clock.instant());
    assertThat(attempts.insert(call)).isTrue();
    return call;
  }

  @Test
  void pausesOnlyARunningCampaign() {
    String id = scheduledCampaign();

    Response refused = api.post(CAMPAIGNS + "/" + id + "/pause", token, Map.of());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/invalid-transition");
    assertThat(refused.json().get("currentStatus").asString()).isEqualTo("scheduled");

    setStatus(id, "running");
    Response paused = api.post(CAMPAIGNS + "/" + id + "/pause", token, Map.of());
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().get("status").asString()).isEqualTo("paused");
    assertThat(storedStatus(id)).isEqualTo("paused");
  }

  @Test
  void resumeClearsTheLeaseSetsResumeAtLeavesTheDispatchAloneAndAnnouncesIt() {
    events = watch("campaign-scheduled");
    String id = scheduledCampaign();
    mongo
        .getCollection("campaigns")
        .updateOne(
            new Document("_id", new ObjectId(id)),
            new Document(
                "$set",
                new Document("status", "paused")
                    .append("dispatchId", "dispatch-1")
                    .append("workerId", "worker-7")
                    .append("leaseUntil", Date.from(clock.instant().plusSeconds(30)))
                    .append("cursor", "abc")));
    clock.advance(Duration.ofSeconds(5));

    Response resumed = api.post(CAMPAIGNS + "/" + id + "/resume", token, Map.of());

    assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
    Document stored =
        mongo.getCollection("campaigns").find(new Document("_id", new ObjectId(id))).first();
    assertThat(stored.getString("status")).isEqualTo("running");
    assertThat(stored).doesNotContainKeys("workerId", "leaseUntil");
    assertThat(stored.getDate("resumeAt")).isEqualTo(Date.from(clock.instant()));
    assertThat(stored.getString("dispatchId")).isEqualTo("dispatch-1");
    assertThat(stored.getString("cursor")).isEqualTo("abc");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(events.received())
                    .anySatisfy(
                        event ->
                            assertThat(event)
                                .contains(id)
                                .contains("\"scheduledTime\":\"" + clock.instant())));

    Response again = api.post(CAMPAIGNS + "/" + id + "/resume", token, Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("currentStatus").asString()).isEqualTo("running");
  }

  @ParameterizedTest
  @CsvSource({
    "scheduled, 200",
    "running, 200",
    "paused, 200",
    "completed, 409",
    "cancelled, 409",
    "failed, 409"
  })
  void cancelsScheduledRunningAndPausedCampaignsOnly(String status, int expected) {
    String id = scheduledCampaign();
    setStatus(id, status);

    Response response = api.post(CAMPAIGNS + "/" + id + "/cancel", token, Map.of());

    assertThat(response.status()).isEqualTo(expected);
    assertThat(storedStatus(id)).isEqualTo(expected == 200 ? "cancelled" : status);
    if (expected == 409) {
      assertThat(response.json().get("currentStatus").asString()).isEqualTo(status);
    }
  }

  @Test
  void reschedulesOnlyAScheduledCampaign() {
    events = watch("campaign-scheduled");
    String id = scheduledCampaign();
    Instant later = clock.instant().plus(Duration.ofDays(3));

    Response moved =
        api.put(
            CAMPAIGNS + "/" + id + "/schedule", token, Map.of("scheduledTime", later.toString()));

    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().get("scheduledTime").asString()).isEqualTo(later.toString());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(events.received())
                    .anySatisfy(
                        event -> assertThat(event).contains(id).contains(later.toString())));

    Response past =
        api.put(
            CAMPAIGNS + "/" + id + "/schedule",
            token,
            Map.of("scheduledTime", "2001-01-01T00:00:00Z"));
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("scheduledTime");

    setStatus(id, "running");
    Response refused =
        api.put(
            CAMPAIGNS + "/" + id + "/schedule",
            token,
            Map.of("scheduledTime", later.plusSeconds(60).toString()));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("currentStatus").asString()).isEqualTo("running");
  }

  @Test
  void aRescheduleRacingTheDispatchersClaimHasExactlyOneWinner() throws Exception {
    String listId = listWith("+14155552671");
    var caller = new Caller("user-" + tenant, tenant, false);
    int claims = 0;
    for (int round = 0; round < 20; round++) {
      String id = create(listId, null);
      Instant later = clock.instant().plus(Duration.ofHours(1));
      var start = new CountDownLatch(1);
      CompletableFuture<Boolean> reschedule =
          CompletableFuture.supplyAsync(
              () -> {
                awaitLatch(start);
                try {
                  transitions.reschedule(caller, id, later.toString());
                  return true;
                } catch (ApiProblem refused) {
                  assertThat(refused.status().value()).isEqualTo(409);
                  return false;
                }
              });
      CompletableFuture<Long> claim =
          CompletableFuture.supplyAsync(
              () -> {
                awaitLatch(start);
                return mongo
                    .getCollection("campaigns")
                    .updateOne(
                        new Document("_id", new ObjectId(id))
                            .append("status", "scheduled")
                            .append(
                                "scheduledTime", new Document("$lte", Date.from(clock.instant()))),
                        new Document(
                            "$set",
                            new Document("status", "running").append("dispatchId", "d-" + id)))
                    .getModifiedCount();
              });
      start.countDown();
      boolean claimed = claim.get() == 1;
      boolean rescheduled = reschedule.get();

      assertThat(claimed ^ rescheduled).as("round %d: exactly one wins", round).isTrue();
      Document stored =
          mongo.getCollection("campaigns").find(new Document("_id", new ObjectId(id))).first();
      if (claimed) {
        claims++;
        assertThat(stored.getString("status")).isEqualTo("running");
        assertThat(stored.getDate("scheduledTime")).isEqualTo(Date.from(clock.instant()));
      } else {
        assertThat(stored.getString("status")).isEqualTo("scheduled");
        assertThat(stored.getDate("scheduledTime")).isEqualTo(Date.from(later));
        assertThat(stored).doesNotContainKey("dispatchId");
      }
    }
    System.out.printf("reschedule vs claim: the claim won %d of 20 rounds%n", claims);
  }

  @Test
  void listsACampaignsCallsAndGivesTheBotTheContactOfACall() {
    String listId = listWith("+14155552671");
    Document contact = mongo.getCollection("contacts").find(new Document("listId", listId)).first();
    mongo
        .getCollection("contacts")
        .updateOne(
            new Document("_id", contact.getObjectId("_id")),
            new Document(
                "$set",
                new Document("name", "Jane").append("variables", new Document("plan", "gold"))));
    String contactId = contact.getObjectId("_id").toHexString();
    String id = create(listId, null);
    String first = insertCall(id, contactId, 1, "busy");
    clock.advance(Duration.ofMinutes(10));
    String second = insertCall(id, contactId, 2, "completed");

    JsonNode calls = api.get(CAMPAIGNS + "/" + id + "/calls", token).json();
    assertThat(calls.get("totalItems").asLong()).isEqualTo(2);
    JsonNode newest = calls.get("items").get(0);
    assertThat(newest.get("callId").asString()).isEqualTo(second);
    assertThat(newest.get("attempt").asInt()).isEqualTo(2);
    assertThat(newest.get("status").asString()).isEqualTo("completed");
    assertThat(newest.get("hangupCause").asString()).isEqualTo("NORMAL_CLEARING");
    assertThat(newest.get("durationSeconds").asLong()).isEqualTo(42);
    assertThat(newest.get("to").asString()).isEqualTo("+14155552671");
    assertThat(calls.get("items").get(1).get("callId").asString()).isEqualTo(first);
    assertThat(ids(api.get(CAMPAIGNS + "/" + id + "/calls?status=busy", token), "callId"))
        .containsExactly(first);

    JsonNode call = api.get("/api/v1/calls/" + second, token).json();
    assertThat(call.get("call").get("campaignId").asString()).isEqualTo(id);
    assertThat(call.get("contact").get("id").asString()).isEqualTo(contactId);
    assertThat(call.get("contact").get("name").asString()).isEqualTo("Jane");
    assertThat(call.get("contact").get("variables").get("plan").asString()).isEqualTo("gold");

    String stranger = tokens.forTenant("other-" + UUID.randomUUID());
    assertThat(api.get("/api/v1/calls/" + second, stranger).status()).isEqualTo(404);
    assertThat(api.get(CAMPAIGNS + "/" + id + "/calls", stranger).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/calls/" + new ObjectId().toHexString(), token).status())
        .isEqualTo(404);
  }

  @Test
  void anotherTenantsCampaignIsNotFoundButAnAdminSeesIt() {
    String id = scheduledCampaign();
    String stranger = tokens.forTenant("other-" + UUID.randomUUID());
    String path = CAMPAIGNS + "/" + id;

    assertThat(api.get(path, stranger).status()).isEqualTo(404);
    assertThat(api.post(path + "/cancel", stranger, Map.of()).status()).isEqualTo(404);
    assertThat(api.post(path + "/pause", stranger, Map.of()).status()).isEqualTo(404);
    assertThat(api.post(path + "/resume", stranger, Map.of()).status()).isEqualTo(404);
    assertThat(
            api.put(
                    path + "/schedule",
                    stranger,
                    Map.of("scheduledTime", clock.instant().plusSeconds(60).toString()))
                .status())
        .isEqualTo(404);
    assertThat(ids(api.get(CAMPAIGNS, stranger))).doesNotContain(id);
    assertThat(storedStatus(id)).isEqualTo("scheduled");

    assertThat(api.get(path, tokens.admin()).status()).isEqualTo(200);
    assertThat(ids(api.get(CAMPAIGNS + "?clientId=" + tenant, tokens.admin()))).containsExactly(id);
  }

  private String create(String listId, Instant scheduledTime) {
    Response response =
        api.post(
            CAMPAIGNS,
            token,
            campaignBody(listId, scheduledTime == null ? null : scheduledTime.toString()));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  private String insertCall(String campaignId, String contactId, int attempt, String status) {
    ObjectId callId = new ObjectId();
    Date now = Date.from(clock.instant());
    mongo
        .getCollection("calls")
        .insertOne(
            new Document("_id", callId)
                .append("campaignId", campaignId)
                .append("clientId", tenant)
                .append("contactId", contactId)
                .append("attempt", attempt)
                .append("status", status)
                .append("to", "+14155552671")
                .append("from", FROM)
                .append("hangupCause", "NORMAL_CLEARING")
                .append("durationSeconds", 42)
                .append("createdAt", now)
                .append("dialedAt", now)
                .append("endedAt", now));
    return callId.toHexString();
  }

  private String storedStatus(String id) {
    return mongo
        .getCollection("campaigns")
        .find(new Document("_id", new ObjectId(id)))
        .first()
        .getString("status");
  }

  private static List<String> ids(Response page) {
    return ids(page, "id");
  }

  private static List<String> ids(Response page, String field) {
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    page.json().get("items").forEach(item -> ids.add(item.get(field).asString()));
    return ids;
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
