package com.voicecampaigns.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Garbage to every endpoint family: a clear 4xx every time, never a 500, nothing stored. */
class BadInputTests extends ApiTestBase {

  private static final List<String> GARBAGE_BODIES =
      List.of(
          "",
          "{",
          "}",
          "null",
          "[]",
          "[{}]",
          "\"text\"",
          "42",
          "{\"name\":",
          "{\"name\":{\"nested\":true},\"listId\":[1,2]}",
          "{\"contacts\":\"not a list\"}",
          "{\"contacts\":[1,2,3]}",
          "{\"contacts\":[{\"phone\":{\"a\":1}}]}",
          "{\"scheduledTime\":[],\"callingWindow\":\"9-5\",\"retryPolicy\":7}",
          "{\"callingWindow\":{\"days\":\"MONDAY\"}}",
          "{\"retryPolicy\":{\"maxAttempts\":\"x\",\"retryOn\":\"busy\"}}",
          "{\"maxConcurrentCalls\":1e309,\"callsPerSecond\":\"NaN\"}",
          "{\"campaignId\":{\"$ne\":null}}",
          "{\"campaignId\":12345}",
          "\u0000\u0001\u0002",
          "<xml/>");

  @Test
  void answersGarbageJsonWithA4xxOnEveryWritingRoute() {
    String id = scheduledCampaign();
    List<String> routes =
        List.of(
            "POST /api/v1/contact-lists",
            "POST /api/v1/campaigns",
            "PUT /api/v1/campaigns/" + id + "/schedule",
            "POST /api/v1/campaigns/" + id + "/pause",
            "POST /plivo/create-campaign",
            "POST /plivo/cancel-campaign",
            "POST /plivo/pause-campaign",
            "POST /plivo/resume-campaign");
    List<String> failures = new ArrayList<>();
    for (String route : routes) {
      String[] parts = route.split(" ");
      for (String body : GARBAGE_BODIES) {
        Response response =
            api.raw(parts[0], parts[1], token, "application/json", BodyPublishers.ofString(body));
        if (response.status() >= 500 || !isStructuredError(parts[1], response)) {
          failures.add(route + " <- " + body + " : " + response);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(api.get("/api/v1/campaigns/" + id, token).json().get("status").asString())
        .isEqualTo("scheduled");
  }

  @Test
  void answersGarbageIdsAndParametersWithA4xxOnEveryReadingRoute() {
    String listId = listWith("+14155552671");
    List<String> gets =
        List.of(
            "/api/v1/campaigns?page=-1",
            "/api/v1/campaigns?page=abc",
            "/api/v1/campaigns?size=0",
            "/api/v1/campaigns?size=100000",
            "/api/v1/campaigns?status=nope",
            "/api/v1/campaigns?from=yesterday",
            "/api/v1/campaigns?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
            "/api/v1/campaigns?order=sideways",
            "/api/v1/campaigns/zzz",
            "/api/v1/campaigns/" + new ObjectId(),
            "/api/v1/campaigns/%24where/calls",
            "/api/v1/campaigns/zzz/calls?status=nope",
            "/api/v1/calls/zzz",
            "/api/v1/calls/" + new ObjectId(),
            "/api/v1/contact-lists?page=x",
            "/api/v1/contact-lists/zzz",
            "/api/v1/contact-lists/" + listId + "/contacts?size=-5",
            "/plivo/check-scheduled-campaigns?x=1",
            "/api/v1/nothing-here");
    List<String> failures = new ArrayList<>();
    for (String path : gets) {
      Response response = api.get(path, token);
      if (response.status() < 400 && !path.contains("check-scheduled")
          || response.status() >= 500) {
        failures.add("GET " + path + " : " + response);
      }
    }
    for (String path :
        List.of("/api/v1/contact-lists/zzz", "/api/v1/contact-lists/" + new ObjectId())) {
      Response response = api.delete(path, token);
      if (response.status() != 404) {
        failures.add("DELETE " + path + " : " + response);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void refusesMalformedJsonWith400() {
    Response response =
        api.raw(
            "POST",
            "/api/v1/campaigns",
            token,
            "application/json",
            BodyPublishers.ofString("{\"name\": "));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/malformed-request");
    assertThat(response.json().get("detail").asString())
        .isEqualTo("the request body is not well-formed JSON");
  }

  @Test
  void namesTheFieldOfAValueOfTheWrongType() {
    Response response =
        api.raw(
            "POST",
            "/api/v1/campaigns",
            token,
            "application/json",
            BodyPublishers.ofString("{\"retryPolicy\":{\"maxAttempts\":\"three\"}}"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).get("field").asString())
        .isEqualTo("retryPolicy.maxAttempts");
  }

  @Test
  void refusesOtherMediaTypesAndMethods() {
    Response text =
        api.raw("POST", "/api/v1/campaigns", token, "text/plain", BodyPublishers.ofString("hello"));
    Response method = api.raw("DELETE", "/api/v1/campaigns", token, null, BodyPublishers.noBody());

    assertThat(text.status()).isEqualTo(415);
    assertThat(text.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/unsupported-media-type");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/method-not-allowed");
  }

  @Test
  void refusesAJsonBodyOverTheLimitWith413() {
    String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";

    Response declared =
        api.raw(
            "POST", "/api/v1/campaigns", token, "application/json", BodyPublishers.ofString(big));
    Response chunked =
        api.raw(
            "POST",
            "/api/v1/campaigns",
            token,
            "application/json",
            chunked(big.getBytes(StandardCharsets.UTF_8)));
    Response seed =
        api.raw(
            "POST",
            "/plivo/create-campaign",
            token,
            "application/json",
            chunked(big.getBytes(StandardCharsets.UTF_8)));

    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/payload-too-large");
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(chunked.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/payload-too-large");
    assertThat(seed.status()).isEqualTo(413);
    assertThat(seed.map()).containsOnlyKeys("status", "message").containsEntry("status", 413);
  }

  @Test
  void refusesACsvUploadOverTheLimitWith413AndKeepsNothing() {
    byte[] csv = csvOfBytes(100 * 1024);
    Response declared =
        api.raw(
            "POST",
            "/api/v1/contact-lists?name=big",
            token,
            "text/csv",
            BodyPublishers.ofByteArray(csv));
    Response chunked =
        api.raw("POST", "/api/v1/contact-lists?name=big", token, "text/csv", chunked(csv));

    String boundary = "b" + UUID.randomUUID();
    byte[] multipart = multipart(boundary, csv);
    Response upload =
        api.raw(
            "POST",
            "/api/v1/contact-lists",
            token,
            "multipart/form-data; boundary=" + boundary,
            BodyPublishers.ofByteArray(multipart));

    assertThat(declared.status()).isEqualTo(413);
    assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
    assertThat(upload.status()).as(upload.toString()).isEqualTo(413);
    assertThat(upload.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/payload-too-large");
    assertThat(api.get("/api/v1/contact-lists", token).json().get("totalItems").asLong()).isZero();
  }

  @Test
  void answersABinaryCsvWithA400() {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);

    Response response =
        api.raw(
            "POST",
            "/api/v1/contact-lists?name=noise",
            token,
            "text/csv",
            BodyPublishers.ofByteArray(noise));

    assertThat(response.status()).as(response.toString()).isBetween(400, 499);
    assertThat(api.get("/api/v1/contact-lists", token).json().get("totalItems").asLong()).isZero();
  }

  private static boolean isStructuredError(String path, Response response) {
    if (response.status() < 400) {
      return false;
    }
    Map<String, Object> body = response.map();
    if (path.startsWith("/plivo/")) {
      return body.keySet().equals(java.util.Set.of("status", "message"))
          && body.get("status").equals(response.status());
    }
    return response.contentType().startsWith("application/problem+json")
        && String.valueOf(body.get("type")).startsWith("https://voice-campaigns.dev/problems/");
  }

  private static java.net.http.HttpRequest.BodyPublisher chunked(byte[] body) {
    return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
  }

  private static byte[] csvOfBytes(int size) {
    StringBuilder csv = new StringBuilder("phone,name\n");
    int i = 0;
    while (csv.length() < size) {
      csv.append(String.format("+1415555%04d,Contact %d%n", i % 10000, i++));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] multipart(String boundary, byte[] file) {
    var out = new java.io.ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
