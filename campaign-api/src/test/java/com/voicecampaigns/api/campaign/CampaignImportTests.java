package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import com.voicecampaigns.testsupport.pubsub.PubSubTopicProbe;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/campaign-imports}: the cut-over's campaigns, in the status it maps them to,
 * once per key for good, and every refusal a 400 naming the field.
 */
class CampaignImportTests extends ApiTestBase {

  private static final String IMPORTS = "/api/v1/campaign-imports";
  private static final String VALIDATION = "https://voice-campaigns.dev/problems/validation";

  private PubSubTopicProbe events;

  @AfterEach
  void stopWatching() {
    if (events != null) {
      events.close();
    }
  }

  @Test
  void aPausedImportKeepsItsPastTimeItsAuthorAndItsNote() {
    String listId = listWith("+14155552671", "+442071838750");
    Instant seedTime = clock.instant().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> body =
        importBody("paused", campaignBody(listId, seedTime.toString()), "was running there");

    Response response = post(body, "seed-1");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode view = response.json();
    String id = view.get("id").asString();
    assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/campaigns/" + id);
    assertThat(response.headers().firstValue("Idempotency-Replayed")).hasValue("false");
    assertThat(view.get("status").asString()).isEqualTo("paused");
    assertThat(view.get("scheduledTime").asString()).isEqualTo(seedTime.toString());
    assertThat(view.get("scheduledBy").asString()).isEqualTo("seed-user");
    assertThat(view.get("createdBy").asString()).isEqualTo("user-" + tenant);
    assertThat(view.get("clientId").asString()).isEqualTo(tenant);
    assertThat(view.get("imported").get("source").asString()).isEqualTo("seed:plivoCampaign/1");
    assertThat(view.get("imported").get("note").asString()).isEqualTo("was running there");

    JsonNode read = api.get("/api/v1/campaigns/" + id, token).json();
    assertThat(read.get("status").asString()).isEqualTo("paused");
    assertThat(read.get("imported").get("note").asString()).isEqualTo("was running there");
    Document stored = stored(id);
    assertThat(stored.getDate("scheduledTime")).isEqualTo(Date.from(seedTime));
    assertThat(stored.get("imported", Document.class))
        .isEqualTo(
            new Document("source", "seed:plivoCampaign/1").append("note", "was running there"));
  }

  @Test
  void aCampaignCreatedHereShowsNoImport() {
    String id = scheduledCampaign();

    assertThat(api.get("/api/v1/campaigns/" + id, token).json().has("imported")).isFalse();
  }

  @Test
  void aPausedImportWithoutATimeWasDueWhenItWasImported() {
    Response response =
        post(importBody("paused", campaignBody(listWith("+14155552671"), null), null), "seed-2");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().get("scheduledTime").asString())
        .isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    assertThat(response.json().get("imported").get("note").isNull()).isTrue();
  }

  @Test
  void aScheduledImportIsAnnouncedLikeACreatedCampaign() {
    events = watch("campaign-scheduled");
    Instant when = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> body =
        importBody("scheduled", campaignBody(listWith("+14155552671"), when.toString()), null);

    Response response = post(body, "seed-3");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    String id = response.json().get("id").asString();
    assertThat(response.json().get("status").asString()).isEqualTo("scheduled");
    assertThat(response.json().get("scheduledTime").asString()).isEqualTo(when.toString());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(events.received()).anySatisfy(e -> assertThat(e).contains(id)));
  }

  @Test
  void aPausedImportResumesAndACancelledOneStaysCancelled() {
    String listId = listWith("+14155552671");
    String paused =
        post(importBody("paused", campaignBody(listId, null), null), "seed-4")
            .json()
            .get("id")
            .asString();
    String cancelled =
        post(importBody("cancelled", campaignBody(listId, null), null), "seed-5")
            .json()
            .get("id")
            .asString();

    Response resumed = api.post("/api/v1/campaigns/" + paused + "/resume", token, Map.of());
    Response notResumed = api.post("/api/v1/campaigns/" + cancelled + "/resume", token, Map.of());

    assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
    assertThat(resumed.json().get("status").asString()).isEqualTo("running");
    assertThat(notResumed.status()).isEqualTo(409);
    assertThat(notResumed.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/invalid-transition");
    assertThat(stored(cancelled).getString("status")).isEqualTo("cancelled");
  }

  @Test
  void theSameImportAgainAnswersTheFirstCampaignEvenMonthsLater() {
    Map<String, Object> body =
        importBody("paused", campaignBody(listWith("+14155552671"), null), "n");
    Response first = post(body, "seed-6");

    clock.advance(Duration.ofDays(90));
    token = tokens.forTenant(tenant);
    Response again = post(body, "seed-6");

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.headers().firstValue("Idempotency-Replayed")).hasValue("true");
    assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    assertThat(campaignsOfTenant()).isEqualTo(1);
  }

  @Test
  void theSameKeyForAnImportThatChangedIsAConflictAndChangesNothing() {
    String listId = listWith("+14155552671");
    Instant when = clock.instant().plus(Duration.ofHours(2));
    Response first =
        post(importBody("scheduled", campaignBody(listId, when.toString()), null), "seed-7");

    Response changed =
        post(importBody("paused", campaignBody(listId, when.toString()), "now paused"), "seed-7");

    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/idempotency-key-reused");
    assertThat(changed.json().get("campaignId").asString())
        .isEqualTo(first.json().get("id").asString());
    assertThat(stored(first.json().get("id").asString()).getString("status"))
        .isEqualTo("scheduled");
    assertThat(campaignsOfTenant()).isEqualTo(1);
  }

  @Test
  void anOrdinaryCreateWithTheSameKeyIsAnotherCampaign() {
    String listId = listWith("+14155552671");
    Response imported = post(importBody("paused", campaignBody(listId, null), null), "seed-8");

    Response created =
        api.post(
            "/api/v1/campaigns",
            token,
            campaignBody(listId, null),
            Map.of("Idempotency-Key", "seed-8"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.headers().firstValue("Idempotency-Replayed")).hasValue("false");
    assertThat(created.json().get("id").asString())
        .isNotEqualTo(imported.json().get("id").asString());
    assertThat(created.json().has("imported")).isFalse();
  }

  @Test
  void nothingIsImportedRunning() {
    Response response =
        post(importBody("running", campaignBody(listWith("+14155552671"), null), null), "seed-9");

    assertInvalid(
        response,
        "status",
        "cannot be running: one of scheduled, paused, completed, cancelled, failed");
    assertThat(campaignsOfTenant()).isZero();
  }

  @Test
  void refusesAnUnknownOrMissingStatus() {
    String listId = listWith("+14155552671");

    assertInvalid(
        post(importBody("done", campaignBody(listId, null), null), "seed-10"),
        "status",
        "must be one of scheduled, paused, completed, cancelled, failed");
    assertInvalid(
        post(importBody(null, campaignBody(listId, null), null), "seed-10"),
        "status",
        "is required: one of scheduled, paused, completed, cancelled, failed");
    assertThat(campaignsOfTenant()).isZero();
  }

  @Test
  void aScheduledImportNeedsAFutureTimeWithinTheHorizon() {
    String listId = listWith("+14155552671");

    assertInvalid(
        post(importBody("scheduled", campaignBody(listId, null), null), "seed-11"),
        "campaign.scheduledTime",
        "is required for a scheduled import");
    assertInvalid(
        post(
            importBody(
                "scheduled",
                campaignBody(listId, clock.instant().minusSeconds(1).toString()),
                null),
            "seed-11"),
        "campaign.scheduledTime",
        "must be in the future");
    assertInvalid(
        post(
            importBody(
                "scheduled",
                campaignBody(listId, clock.instant().plus(Duration.ofDays(400)).toString()),
                null),
            "seed-11"),
        "campaign.scheduledTime",
        "must be at most 365 days ahead");
    assertThat(campaignsOfTenant()).isZero();
  }

  @Test
  void aPausedImportsTimeMustStillBeAnInstant() {
    assertInvalid(
        post(
            importBody(
                "paused", campaignBody(listWith("+14155552671"), "2030-01-01T09:00:00"), null),
            "seed-12"),
        "campaign.scheduledTime",
        "must be an ISO 8601 date-time with an offset, e.g. 2025-10-01T20:00:00Z");
  }

  @Test
  void reportsEveryProblemOfTheImportAndItsCampaignAtOnce() {
    Map<String, Object> campaign = campaignBody("6650f0c2a1b2c3d4e5f60719", null);
    campaign.put("fromNumber", "8035735659");
    campaign.put("wssUrl", "http://bot.example.com");
    Map<String, Object> body = importBody("paused", campaign, "x".repeat(2001));
    body.put("source", " ");

    Response response = api.post(IMPORTS, token, body, Map.of());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo(VALIDATION);
    assertThat(fields(response))
        .containsExactlyInAnyOrder(
            "Idempotency-Key",
            "source",
            "note",
            "campaign.listId",
            "campaign.fromNumber",
            "campaign.wssUrl");
    assertThat(campaignsOfTenant()).isZero();
  }

  @Test
  void refusesAnImportWithoutItsCampaign() {
    Map<String, Object> body = importBody("paused", null, null);

    assertInvalid(post(body, "seed-13"), "campaign", "is required");
  }

  @Test
  void refusesAListOfAnotherTenant() {
    String theirList = listWith("+14155552671");
    tenant = "other-" + UUID.randomUUID();
    token = tokens.forTenant(tenant);

    assertInvalid(
        post(importBody("paused", campaignBody(theirList, null), null), "seed-14"),
        "campaign.listId",
        "no contact list with this id");
    assertThat(campaignsOfTenant()).isZero();
  }

  @Test
  void anImportNeedsATenantsToken() {
    Map<String, Object> body =
        importBody("paused", campaignBody(listWith("+14155552671"), null), null);

    Response withoutTenant =
        api.post(IMPORTS, tokens.withoutTenant(), body, Map.of("Idempotency-Key", "k"));
    Response withoutToken = api.post(IMPORTS, null, body, Map.of("Idempotency-Key", "k"));

    assertThat(withoutTenant.status()).isEqualTo(403);
    assertThat(withoutTenant.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/forbidden");
    assertThat(withoutToken.status()).isEqualTo(401);
    assertThat(withoutToken.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/unauthorized");
  }

  @Test
  void aBodyThatIsNoJsonIsMalformedAndAFieldOfTheWrongTypeIsNamed() {
    Response broken =
        api.raw(
            "POST", IMPORTS, token, "application/json", BodyPublishers.ofString("{\"status\":"));
    Response wrongType =
        api.raw(
            "POST",
            IMPORTS,
            token,
            "application/json",
            BodyPublishers.ofString("{\"campaign\":\"a campaign\"}"));

    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/malformed-request");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("type").asString()).isEqualTo(VALIDATION);
    assertThat(fields(wrongType)).containsExactly("campaign");
    assertThat(campaignsOfTenant()).isZero();
  }

  private Response post(Map<String, Object> body, String key) {
    return api.post(IMPORTS, token, body, Map.of("Idempotency-Key", key));
  }

  private static Map<String, Object> importBody(
      String status, Map<String, Object> campaign, String note) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", "seed:plivoCampaign/1");
    body.put("status", status);
    body.put("note", note);
    body.put("scheduledBy", "seed-user");
    body.put("campaign", campaign);
    return body;
  }

  private static void assertInvalid(Response response, String field, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).isEqualTo(VALIDATION);
    assertThat(
            StreamSupport.stream(response.json().get("errors").spliterator(), false)
                .map(e -> e.get("field").asString() + ": " + e.get("message").asString())
                .toList())
        .containsExactly(field + ": " + message);
  }

  private static List<String> fields(Response response) {
    return StreamSupport.stream(response.json().get("errors").spliterator(), false)
        .map(e -> e.get("field").asString())
        .toList();
  }

  private Document stored(String id) {
    return mongo.getCollection("campaigns").find(new Document("_id", new ObjectId(id))).first();
  }

  private long campaignsOfTenant() {
    return mongo.getCollection("campaigns").countDocuments(new Document("clientId", tenant));
  }
}
