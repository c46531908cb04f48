package com.voicecampaigns.api.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seed's request examples, answered as the seed documents them. */
class SeedCompatibilityTests extends ApiTestBase {

  @Test
  void schedulesACampaignAsTheSeedDid() {
    Instant when = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    String scheduledTime = when.toString();
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    body.put("scheduledTime", scheduledTime);

    Response response = api.post("/plivo/create-campaign", token, body);

    assertThat(response.status()).isEqualTo(200);
    Map<String, Object> answer = response.map();
    String campaignId = (String) answer.get("campaignId");
    assertThat(answer)
        .containsOnlyKeys("status", "message", "campaignId", "scheduledTime")
        .containsEntry("status", 200)
        .containsEntry(
            "message",
            "Campaign scheduled successfully for " + scheduledTime.replace(":00Z", ":00.000Z"))
        .containsEntry("scheduledTime", scheduledTime);
    Document stored =
        mongo
            .getCollection("campaigns")
            .find(new Document("_id", new ObjectId(campaignId)))
            .first();
    assertThat(stored.getString("name")).isEqualTo("Test Scheduled Campaign");
    assertThat(stored.getString("status")).isEqualTo("scheduled");
    assertThat(stored.getString("clientId")).isEqualTo(tenant);
    assertThat(stored.getString("scheduledBy")).isEqualTo("user-" + tenant);
    assertThat(stored.getDate("scheduledTime").toInstant()).isEqualTo(when);
  }

  @Test
  void takesAnEndTimeAndMachineDetectionAsExtraOptionalFields() {
    Instant when = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    body.put("scheduledTime", when.toString());
    body.put("endTime", when.plus(Duration.ofHours(4)).toString());
    body.put("machineDetection", "bot");

    Response response = api.post("/plivo/create-campaign", token, body);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.map()).containsOnlyKeys("status", "message", "campaignId", "scheduledTime");
    Document stored =
        mongo
            .getCollection("campaigns")
            .find(new Document("_id", new ObjectId((String) response.map().get("campaignId"))))
            .first();
    assertThat(stored.getDate("endTime").toInstant()).isEqualTo(when.plus(Duration.ofHours(4)));
    assertThat(stored.getString("machineDetection")).isEqualTo("bot");
  }

  @ParameterizedTest
  @CsvSource({
    "endTime, yesterday, 'endTime: must be an ISO 8601 date-time with an offset'",
    "endTime, 2020-01-01T00:00:00Z, 'endTime: must be after scheduledTime'",
    "machineDetection, voicemail, 'machineDetection: must be one of off, hangup, bot'"
  })
  void refusesABadEndTimeOrMachineDetectionInTheSeedsShape(
      String field, String value, String message) {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    body.put("scheduledTime", clock.instant().plus(Duration.ofDays(1)).toString());
    body.put(field, value);

    Response response = api.post("/plivo/create-campaign", token, body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.map()).containsOnlyKeys("status", "message").containsEntry("status", 400);
    assertThat((String) response.map().get("message")).startsWith(message);
    assertThat(mongo.getCollection("campaigns").countDocuments(new Document("clientId", tenant)))
        .isZero();
  }

  @Test
  void startsAnImmediateCampaignAsTheSeedDid() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    body.put("scheduledBy", "ui-user-7");
    body.put("scheduledTime", ""); // falsy in the seed: no schedule

    Response response = api.post("/plivo/create-campaign", token, body);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.map())
        .containsOnlyKeys("status", "message", "campaignId")
        .containsEntry("status", 200)
        .containsEntry("message", "Campaign started successfully");
    Document stored =
        mongo
            .getCollection("campaigns")
            .find(new Document("_id", new ObjectId((String) response.map().get("campaignId"))))
            .first();
    assertThat(stored.getDate("scheduledTime").toInstant()).isEqualTo(clock.instant());
    assertThat(stored.getString("scheduledBy")).isEqualTo("ui-user-7");
  }

  @Test
  void recordsTheTokensSubjectBesideTheScheduledByTheBodyNames() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    body.put("scheduledBy", "ceo@acme.example");

    Response created = api.post("/plivo/create-campaign", token, body);
    String campaignId = (String) created.map().get("campaignId");
    Response view = api.get("/api/v1/campaigns/" + campaignId, token);

    assertThat(view.status()).isEqualTo(200);
    assertThat(view.json().get("scheduledBy").asString()).isEqualTo("ceo@acme.example");
    assertThat(view.json().get("createdBy").asString()).isEqualTo("user-" + tenant);
    Document stored =
        mongo
            .getCollection("campaigns")
            .find(new Document("_id", new ObjectId(campaignId)))
            .first();
    assertThat(stored.getString("createdBy")).isEqualTo("user-" + tenant);
  }

  @Test
  void withoutTheDeduplicationWindowEveryDoubleSubmitCreatesACampaign() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));

    Response first = api.post("/plivo/create-campaign", token, body);
    Response second = api.post("/plivo/create-campaign", token, body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.map().get("campaignId")).isNotEqualTo(first.map().get("campaignId"));
    assertThat(mongo.getCollection("campaigns").countDocuments(new Document("clientId", tenant)))
        .isEqualTo(2);
  }

  @Test
  void refusesAnotherTenantsClientIdUnlessTheCallerIsAnAdmin() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    body.put("clientId", "someone-else");

    Response refused = api.post("/plivo/create-campaign", token, body);
    body.put("clientId", tenant);
    Response asAdmin = api.post("/plivo/create-campaign", tokens.admin(), body);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.map()).containsOnlyKeys("status", "message").containsEntry("status", 403);
    assertThat(asAdmin.status()).as(asAdmin.toString()).isEqualTo(200);
    Document stored =
        mongo
            .getCollection("campaigns")
            .find(new Document("_id", new ObjectId((String) asAdmin.map().get("campaignId"))))
            .first();
    assertThat(stored.getString("clientId")).isEqualTo(tenant);
    assertThat(stored.getString("scheduledBy")).isEqualTo("ops-admin");
    assertThat(stored.getString("createdBy")).isEqualTo("ops-admin");
  }

  @Test
  void answersValidationErrorsInTheSeedsShape() {
    Map<String, Object> body = seedBody(listWith("+14155552671"));
    body.put("scheduledTime", "2025-10-01T20:00:00Z");
    body.remove("campaignName");

    Response response = api.post("/plivo/create-campaign", token, body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.map())
        .containsOnlyKeys("status", "message")
        .containsEntry("status", 400)
        .containsEntry(
            "message",
            "campaignName: must be 1 to 200 characters; scheduledTime: must be in the future");
  }

  @ParameterizedTest(name = "{0} a {1} campaign: {2}")
  @CsvSource({
    "cancel, scheduled, 200",
    "cancel, running, 200",
    "cancel, paused, 200",
    "cancel, completed, 409",
    "cancel, cancelled, 409",
    "pause, running, 200",
    "pause, scheduled, 409",
    "pause, paused, 409",
    "resume, paused, 200",
    "resume, running, 409",
    "resume, scheduled, 409"
  })
  void appliesTheSeedsTransitionRules(String action, String status, int expected) {
    String id = scheduledCampaign();
    setStatus(id, status);

    Response response = api.post("/plivo/" + action + "-campaign", token, Map.of("campaignId", id));

    assertThat(response.status()).isEqualTo(expected);
    assertThat(response.map()).containsEntry("status", expected);
    if (expected == 200) {
      String done =
          Map.of("cancel", "cancelled", "pause", "paused", "resume", "resumed").get(action);
      assertThat(response.map())
          .containsEntry("message", "Campaign " + done + " successfully")
          .containsEntry("campaignId", id);
    } else {
      assertThat(response.map())
          .containsOnlyKeys("status", "message")
          .containsEntry("message", "cannot " + action + " a " + status + " campaign");
    }
  }

  @Test
  void answersUnknownMissingAndForeignCampaignsInTheSeedsShape() {
    String foreign = scheduledCampaign();
    String stranger = tokens.forTenant("other-" + UUID.randomUUID());

    Response unknown =
        api.post(
            "/plivo/cancel-campaign", token, Map.of("campaignId", new ObjectId().toHexString()));
    Response missing = api.post("/plivo/pause-campaign", token, Map.of());
    Response notJson =
        api.raw(
            "POST",
            "/plivo/resume-campaign",
            token,
            "application/json",
            java.net.http.HttpRequest.BodyPublishers.ofString("{campaignId:"));
    Response notTheirs =
        api.post("/plivo/cancel-campaign", stranger, Map.of("campaignId", foreign));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.map()).containsOnlyKeys("status", "message").containsEntry("status", 404);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.map()).containsEntry("message", "campaignId: is required");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.map()).containsOnlyKeys("status", "message").containsEntry("status", 400);
    assertThat(notTheirs.status()).isEqualTo(404);
  }

  @Test
  void theManualTriggerIsForAdminsAndPublishesATick() {
    try (PubSubTopicProbe ticks = watch("campaign-scheduler-tick")) {
      Response refused = api.get("/plivo/check-scheduled-campaigns", token);
      Response anonymous = api.get("/plivo/check-scheduled-campaigns", null);
      Response accepted = api.get("/plivo/check-scheduled-campaigns", tokens.admin());

      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.map()).containsOnlyKeys("status", "message").containsEntry("status", 403);
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(accepted.status()).isEqualTo(202);
      assertThat(accepted.map()).containsEntry("status", 202);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(ticks.received()).singleElement().asString().contains("firedAt"));
    }
  }

  private Map<String, Object> seedBody(String listId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("campaignName", "Test Scheduled Campaign");
    body.put("listId", listId);
    body.put("fromNumber", FROM);
    body.put("wssUrl", WSS);
    body.put("clientId", tenant);
    return body;
  }
}
