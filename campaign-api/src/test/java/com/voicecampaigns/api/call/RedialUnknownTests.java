package com.voicecampaigns.api.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptDocument.Start;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.call.CallTarget;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An operator redials a campaign's {@code unknown} calls after listing them: each one becomes a new
 * attempt, pending from now, once; the old one is never sent again. Bad requests answer the exact
 * status and problem type and change nothing.
 */
class RedialUnknownTests extends ApiTestBase {

  static final String PROBLEMS = "https://voice-campaigns.dev/problems/";

  @Autowired CallAttemptStore attempts;

  @Test
  void listsTheUnknownCallsThenRedialsEachOnceAsANewAttempt() {
    String campaignId = runningCampaign();
    String first = unknownCall(campaignId, "+14155552671");
    String second = unknownCall(campaignId, "+442071838750");
    call(campaignId, "+14155552672", CallStatus.COMPLETED);

    Response listed = api.get(calls(campaignId) + "?status=unknown", token);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(ids(listed.json().get("items"), "callId")).containsExactlyInAnyOrder(first, second);

    Response redialled = api.post(calls(campaignId) + "/redial-unknown", token, Map.of());

    assertThat(redialled.status()).as(redialled.toString()).isEqualTo(200);
    JsonNode report = redialled.json();
    assertThat(report.get("campaignId").asString()).isEqualTo(campaignId);
    assertThat(report.get("more").asBoolean()).isFalse();
    assertThat(ids(report.get("queued"), "redialOf")).containsExactlyInAnyOrder(first, second);
    assertThat(report.get("queued"))
        .allSatisfy(queued -> assertThat(queued.get("attempt").asInt()).isEqualTo(2));
    List<String> queuedIds = ids(report.get("queued"), "callId");
    Response pending = api.get(calls(campaignId) + "?status=pending", token);
    assertThat(ids(pending.json().get("items"), "callId"))
        .containsExactlyInAnyOrderElementsOf(queuedIds);
    // the old attempts stay unknown, never sent again, and name their redial
    assertThat(stored(first).getString(CallFields.STATUS)).isEqualTo("unknown");
    assertThat(queuedIds).contains(stored(first).getString(CallFields.REDIALED_AS));
    assertThat(stored(first).get(CallFields.PLIVO_REQUESTS)).isEqualTo(0);

    Response again = api.post(calls(campaignId) + "/redial-unknown", token, Map.of());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("queued")).isEmpty();
    assertThat(mongo.getCollection("calls").countDocuments(new Document("campaignId", campaignId)))
        .isEqualTo(5);
  }

  @Test
  void aLimitRedialsTheOldestFirstAndSaysMoreAreLeft() {
    String campaignId = runningCampaign();
    String older = unknownCall(campaignId, "+14155552671");
    clock.advance(java.time.Duration.ofSeconds(1));
    unknownCall(campaignId, "+442071838750");

    Response one = api.post(calls(campaignId) + "/redial-unknown?limit=1", token, Map.of());

    assertThat(one.status()).isEqualTo(200);
    assertThat(ids(one.json().get("queued"), "redialOf")).containsExactly(older);
    assertThat(one.json().get("more").asBoolean()).isTrue();
  }

  @Test
  void aCampaignItsWorkerReleasedUntilLaterIsBroughtForwardSoTheRedialsGoNow() {
    String campaignId = runningCampaign();
    mongo
        .getCollection("campaigns")
        .updateOne(
            new Document("_id", new ObjectId(campaignId)),
            new Document(
                "$set",
                new Document(
                    CampaignFields.RESUME_AT, Date.from(clock.instant().plusSeconds(3600)))));
    unknownCall(campaignId, "+14155552671");

    Response redialled = api.post(calls(campaignId) + "/redial-unknown", token, Map.of());

    assertThat(redialled.status()).isEqualTo(200);
    Document campaign =
        mongo
            .getCollection("campaigns")
            .find(new Document("_id", new ObjectId(campaignId)))
            .first();
    assertThat(campaign.getDate(CampaignFields.RESUME_AT).toInstant())
        .isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void badRequestsAnswerTheExactProblemAndRedialNothing() {
    String campaignId = runningCampaign();
    String unknown = unknownCall(campaignId, "+14155552671");
    String completed = runningCampaign();
    unknownCall(completed, "+14155552671");
    setStatus(completed, "completed");
    String redial = "/redial-unknown";

    assertProblem(
        api.post(calls(campaignId) + redial + "?limit=0", token, Map.of()), 400, "validation");
    assertProblem(
        api.post(calls(campaignId) + redial + "?limit=1001", token, Map.of()), 400, "validation");
    assertProblem(
        api.post(calls(campaignId) + redial + "?limit=many", token, Map.of()),
        400,
        "malformed-request");
    assertProblem(
        api.post(calls(new ObjectId().toHexString()) + redial, token, Map.of()), 404, "not-found");
    assertProblem(api.post(calls("nope") + redial, token, Map.of()), 404, "not-found");
    assertProblem(
        api.post(calls(campaignId) + redial, tokens.forTenant("someone-else"), Map.of()),
        404,
        "not-found");
    assertProblem(api.post(calls(campaignId) + redial, null, Map.of()), 401, "unauthorized");
    Response finished = api.post(calls(completed) + redial, token, Map.of());
    assertProblem(finished, 409, "invalid-transition");
    assertThat(finished.json().get("currentStatus").asString()).isEqualTo("completed");

    assertThat(stored(unknown).get(CallFields.REDIALED_AS)).isNull();
    assertThat(mongo.getCollection("calls").countDocuments(new Document("campaignId", campaignId)))
        .isEqualTo(1);
    assertThat(mongo.getCollection("calls").countDocuments(new Document("campaignId", completed)))
        .isEqualTo(1);
  }

  private void assertProblem(Response response, int status, String type) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo(PROBLEMS + type);
  }

  private String runningCampaign() {
    String id = scheduledCampaign();
    setStatus(id, "running");
    return id;
  }

  private String unknownCall(String campaignId, String to) {
    String id = call(campaignId, to, CallStatus.UNKNOWN);
    mongo
        .getCollection("calls")
        .updateOne(
            new Document("_id", new ObjectId(id)),
            new Document(
                "$set", new Document(CallFields.UNKNOWN_SINCE, Date.from(clock.instant()))));
    return id;
  }

  private String call(String campaignId, String to, CallStatus status) {
    Instant now = clock.instant();
    CallAttemptDocument attempt =
        CallAttemptDocument.first(
            new CallTarget(campaignId, tenant, new ObjectId().toHexString(), to, FROM, null),
            Start.pendingUntil(now),
            now);
    assertThat(attempts.insert(attempt)).isTrue();
    mongo
        .getCollection("calls")
        .updateOne(
            new Document("_id", new ObjectId(attempt.id())),
            new Document("$set", new Document(CallFields.STATUS, status.wire())));
    return attempt.id();
  }

  private Document stored(String callId) {
    return mongo.getCollection("calls").find(new Document("_id", new ObjectId(callId))).first();
  }

  private static String calls(String campaignId) {
    return "/api/v1/campaigns/" + campaignId + "/calls";
  }

  private static List<String> ids(JsonNode items, String field) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(item -> item.get(field).asString())
        .toList();
  }
}
