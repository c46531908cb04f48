package com.voicecampaigns.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;

/** Requests the servlet container cannot read, found by ApiFuzzTests: each once answered 500. */
class MalformedRequestTests extends ApiTestBase {

  @Test
  void aWildcardContentTypeAnswers415EvenOnACrossOriginRequest() {
    String id = scheduledCampaign();
    Response resource =
        api.send(
            api.request("/api/v1/campaigns/" + id + "/schedule", token)
                .header("Content-Type", "*/*")
                .header("Origin", "https://ui.example.com")
                .PUT(BodyPublishers.ofString("{}")));
    Response seed =
        api.send(
            api.request("/plivo/pause-campaign", token)
                .header("Content-Type", "application/*")
                .header("Origin", "$ne")
                .POST(BodyPublishers.ofString("{\"campaignId\":\"" + id + "\"}")));
    Response unparsable =
        api.raw("POST", "/api/v1/campaigns", token, "json;;;", BodyPublishers.ofString("{}"));

    assertThat(resource.status()).as(resource.toString()).isEqualTo(415);
    assertThat(resource.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/unsupported-media-type");
    assertThat(seed.status()).as(seed.toString()).isEqualTo(415);
    assertThat(seed.map()).containsOnlyKeys("status", "message").containsEntry("status", 415);
    assertThat(unparsable.status()).as(unparsable.toString()).isEqualTo(415);
    assertThat(api.get("/api/v1/campaigns/" + id, token).json().get("status").asString())
        .isEqualTo("scheduled");
  }

  @Test
  void aQueryParameterWithoutANameAnswers400() {
    String id = scheduledCampaign();
    Response calls = api.get("/api/v1/campaigns/" + id + "/calls?=-PT1S", token);
    Response search = api.get("/api/v1/campaigns?status=running&=x", token);

    assertThat(calls.status()).as(calls.toString()).isEqualTo(400);
    assertThat(calls.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/malformed-request");
    assertThat(search.status()).as(search.toString()).isEqualTo(400);
    assertThat(search.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/malformed-request");
  }

  @Test
  void aMultipartBodyWithoutABoundaryAnswers400AndKeepsNothing() {
    Response upload =
        api.raw(
            "POST",
            "/api/v1/contact-lists",
            token,
            "multipart/form-data",
            BodyPublishers.ofString("--b\r\n\r\nphone\n+14155552671\n--b--\r\n"));
    Response seed =
        api.raw(
            "POST",
            "/plivo/cancel-campaign",
            token,
            "multipart/form-data",
            BodyPublishers.ofString("x"));

    assertThat(upload.status()).as(upload.toString()).isEqualTo(400);
    assertThat(upload.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/malformed-request");
    assertThat(seed.status()).as(seed.toString()).isEqualTo(400);
    assertThat(seed.map()).containsOnlyKeys("status", "message").containsEntry("status", 400);
    assertThat(api.get("/api/v1/contact-lists", token).json().get("totalItems").asLong()).isZero();
  }

  @Test
  void anAcceptHeaderTheAnswerCannotMeetAnswers406BeforeAnythingChanges() {
    String id = scheduledCampaign();
    setStatus(id, "running");
    String listId = listWith("+14155552671");
    long campaigns = mongo.getCollection("campaigns").countDocuments();

    Response pause =
        api.send(
            api.request("/api/v1/campaigns/" + id + "/pause", token)
                .header("Accept", "text/html")
                .POST(BodyPublishers.noBody()));
    Response create =
        api.send(
            api.request("/api/v1/campaigns", token)
                .header("Accept", "application/xml")
                .header("Content-Type", "application/json")
                .POST(
                    BodyPublishers.ofString(
                        tools.jackson.databind.json.JsonMapper.shared()
                            .writeValueAsString(campaignBody(listId, null)))));
    Response seed =
        api.send(
            api.request("/plivo/cancel-campaign", token)
                .header("Accept", "https://evil.example.com")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"campaignId\":\"" + id + "\"}")));

    assertThat(pause.status()).as(pause.toString()).isEqualTo(406);
    assertThat(create.status()).as(create.toString()).isEqualTo(406);
    assertThat(seed.status()).as(seed.toString()).isEqualTo(406);
    assertThat(api.get("/api/v1/campaigns/" + id, token).json().get("status").asString())
        .isEqualTo("running");
    assertThat(mongo.getCollection("campaigns").countDocuments()).isEqualTo(campaigns);
  }
}
