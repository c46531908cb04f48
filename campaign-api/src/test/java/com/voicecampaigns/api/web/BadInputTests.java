package com.voicecampaigns.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * Garbage to every endpoint family: the exact status and problem type every time (a broken token,
 * which answers 401 everywhere, fails this), never a 500, nothing stored.
 */
class BadInputTests extends ApiTestBase {

  private static final String MALFORMED = "https://voice-campaigns.dev/problems/malformed-request";
  private static final String VALIDATION = "https://voice-campaigns.dev/problems/validation";
  private static final String NOT_FOUND = "https://voice-campaigns.dev/problems/not-found";
  private static final String INVALID_TRANSITION =
      "https://voice-campaigns.dev/problems/invalid-transition";
  private static final String SEED_NOT_JSON = "The request body is not valid JSON";

  /** Not JSON, or JSON that is no object: no route can read it. */
  private static final List<String> UNREADABLE =
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
          "\u0000\u0001\u0002",
          "<xml/>");

  /** JSON objects with fields of the wrong type or none of a route's fields. */
  private static final String WRONG_TYPES = "{\"name\":{\"nested\":true},\"listId\":[1,2]}";

  private static final String CONTACTS_NOT_A_LIST = "{\"contacts\":\"not a list\"}";
  private static final String CONTACTS_OF_NUMBERS = "{\"contacts\":[1,2,3]}";
  private static final String PHONE_OBJECT = "{\"contacts\":[{\"phone\":{\"a\":1}}]}";
  private static final String POLICIES_OF_WRONG_TYPE =
      "{\"scheduledTime\":[],\"callingWindow\":\"9-5\",\"retryPolicy\":7}";
  private static final String DAYS_NOT_A_LIST = "{\"callingWindow\":{\"days\":\"MONDAY\"}}";
  private static final String ATTEMPTS_NOT_A_NUMBER =
      "{\"retryPolicy\":{\"maxAttempts\":\"x\",\"retryOn\":\"busy\"}}";
  private static final String NUMBERS_OUT_OF_RANGE =
      "{\"maxConcurrentCalls\":1e309,\"callsPerSecond\":\"NaN\"}";
  private static final String ID_AS_OPERATOR = "{\"campaignId\":{\"$ne\":null}}";
  private static final String ID_AS_NUMBER = "{\"campaignId\":12345}";

  private static final List<String> OBJECTS =
      List.of(
          WRONG_TYPES,
          CONTACTS_NOT_A_LIST,
          CONTACTS_OF_NUMBERS,
          PHONE_OBJECT,
          POLICIES_OF_WRONG_TYPE,
          DAYS_NOT_A_LIST,
          ATTEMPTS_NOT_A_NUMBER,
          NUMBERS_OUT_OF_RANGE,
          ID_AS_OPERATOR,
          ID_AS_NUMBER);

  /** What a route answers: the status, and the problem type (resource API) or message (seed). */
  record Expected(int status, String type) {
    @Override
    public String toString() {
      return status + " " + type;
    }
  }

  @Test
  void answersGarbageJsonWithTheExactProblemOnEveryWritingRoute() {
    String id = scheduledCampaign();
    Map<String, Function<String, Expected>> routes = new LinkedHashMap<>();
    routes.put(
        "POST /api/v1/contact-lists",
        body -> UNREADABLE.contains(body) ? problem(400, MALFORMED) : problem(400, VALIDATION));
    routes.put(
        "POST /api/v1/campaigns",
        body ->
            UNREADABLE.contains(body) || body.equals(NUMBERS_OUT_OF_RANGE)
                ? problem(400, MALFORMED)
                : problem(400, VALIDATION));
    routes.put(
        "PUT /api/v1/campaigns/" + id + "/schedule",
        body -> UNREADABLE.contains(body) ? problem(400, MALFORMED) : problem(400, VALIDATION));
    routes.put(
        "POST /api/v1/campaign-imports",
        body -> UNREADABLE.contains(body) ? problem(400, MALFORMED) : problem(400, VALIDATION));
    routes.put(
        "POST /api/v1/webhooks",
        body -> UNREADABLE.contains(body) ? problem(400, MALFORMED) : problem(400, VALIDATION));
    // pause reads no body: whatever is sent, a scheduled campaign cannot be paused
    routes.put("POST /api/v1/campaigns/" + id + "/pause", body -> problem(409, INVALID_TRANSITION));
    // nor can a scheduled one redial unknown calls (it has none, and no worker dials it yet)
    routes.put(
        "POST /api/v1/campaigns/" + id + "/calls/redial-unknown",
        body -> problem(409, INVALID_TRANSITION));
    routes.put(
        "POST /plivo/create-campaign",
        body ->
            UNREADABLE.contains(body)
                    || body.equals(WRONG_TYPES)
                    || body.equals(POLICIES_OF_WRONG_TYPE)
                ? seed(400, SEED_NOT_JSON)
                : seed(
                    400,
                    "campaignName: must be 1 to 200 characters; listId: is required;"
                        + " fromNumber: is required; wssUrl: is required"));
    for (String action : List.of("cancel", "pause", "resume")) {
      routes.put(
          "POST /plivo/" + action + "-campaign",
          body ->
              UNREADABLE.contains(body) || body.equals(ID_AS_OPERATOR)
                  ? seed(400, SEED_NOT_JSON)
                  : body.equals(ID_AS_NUMBER)
                      ? seed(404, "no campaign 12345")
                      : seed(400, "campaignId: is required"));
    }
    List<String> failures = new ArrayList<>();
    routes.forEach(
        (route, expected) -> {
          String[] parts = route.split(" ");
          for (String body : concat(UNREADABLE, OBJECTS)) {
            Response response =
                api.raw(
                    parts[0], parts[1], token, "application/json", BodyPublishers.ofString(body));
            Expected wanted = expected.apply(body);
            if (!answers(response, wanted)) {
              failures.add(route + " <- " + body + " : wanted " + wanted + ", got " + response);
            }
          }
        });
    assertThat(failures).isEmpty();
    assertThat(api.get("/api/v1/campaigns/" + id, token).json().get("status").asString())
        .isEqualTo("scheduled");
    assertThat(api.get("/api/v1/contact-lists", token).json().get("totalItems").asLong())
        .as("only the list of the scheduled campaign")
        .isEqualTo(1);
  }

  @Test
  void answersGarbageIdsAndParametersWithTheExactProblemOnEveryReadingRoute() {
    String listId = listWith("+14155552671");
    Map<String, Expected> gets = new LinkedHashMap<>();
    gets.put("/api/v1/campaigns?page=-1", problem(400, VALIDATION));
    gets.put("/api/v1/campaigns?page=abc", problem(400, MALFORMED));
    gets.put("/api/v1/campaigns?size=0", problem(400, VALIDATION));
    gets.put("/api/v1/campaigns?size=100000", problem(400, VALIDATION));
    gets.put("/api/v1/campaigns?status=nope", problem(400, VALIDATION));
    gets.put("/api/v1/campaigns?from=yesterday", problem(400, VALIDATION));
    gets.put(
        "/api/v1/campaigns?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
        problem(400, VALIDATION));
    gets.put("/api/v1/campaigns?order=sideways", problem(400, VALIDATION));
    gets.put("/api/v1/campaigns/zzz", problem(404, NOT_FOUND));
    gets.put("/api/v1/campaigns/" + new ObjectId(), problem(404, NOT_FOUND));
    gets.put("/api/v1/campaigns/%24where/calls", problem(404, NOT_FOUND));
    gets.put("/api/v1/campaigns/zzz/calls?status=nope", problem(404, NOT_FOUND));
    gets.put("/api/v1/calls/zzz", problem(404, NOT_FOUND));
    gets.put("/api/v1/calls/" + new ObjectId(), problem(404, NOT_FOUND));
    gets.put("/api/v1/contact-lists?page=x", problem(400, MALFORMED));
    gets.put("/api/v1/contact-lists/zzz", problem(404, NOT_FOUND));
    gets.put("/api/v1/contact-lists/" + listId + "/contacts?size=-5", problem(400, VALIDATION));
    gets.put(
        "/plivo/check-scheduled-campaigns?x=1",
        seed(403, "the bearer token does not grant this operation"));
    gets.put("/api/v1/webhooks?page=x", problem(400, MALFORMED));
    gets.put("/api/v1/webhooks/zzz", problem(404, NOT_FOUND));
    gets.put("/api/v1/webhooks/zzz/deliveries?status=nope", problem(404, NOT_FOUND));
    gets.put("/api/v1/campaigns/zzz/events", problem(404, NOT_FOUND));
    gets.put("/api/v1/campaigns/" + new ObjectId() + "/events", problem(404, NOT_FOUND));
    gets.put("/api/v1/do-not-call?size=0", problem(400, VALIDATION));
    gets.put("/api/v1/do-not-call?page=x", problem(400, MALFORMED));
    gets.put("/api/v1/do-not-call/zzz", problem(400, VALIDATION));
    gets.put("/api/v1/do-not-call/%2B14155559999", problem(404, NOT_FOUND));
    gets.put("/api/v1/nothing-here", problem(404, NOT_FOUND));
    List<String> failures = new ArrayList<>();
    gets.forEach(
        (path, wanted) -> {
          Response response = api.get(path, token);
          if (!answers(response, wanted)) {
            failures.add("GET " + path + " : wanted " + wanted + ", got " + response);
          }
        });
    for (String path :
        List.of(
            "/api/v1/contact-lists/zzz",
            "/api/v1/contact-lists/" + new ObjectId(),
            "/api/v1/webhooks/zzz")) {
      Response response = api.delete(path, token);
      if (!answers(response, problem(404, NOT_FOUND))) {
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

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/invalid-csv");
    assertThat(api.get("/api/v1/contact-lists", token).json().get("totalItems").asLong()).isZero();
  }

  private static Expected problem(int status, String type) {
    return new Expected(status, type);
  }

  private static Expected seed(int status, String message) {
    return new Expected(status, message);
  }

  /**
   * Whether the answer is the expected one: a problem detail of that status and type on the
   * resource API, the seed's {@code {status, message}} with that message on its routes.
   */
  private static boolean answers(Response response, Expected wanted) {
    if (response.status() != wanted.status()) {
      return false;
    }
    Map<String, Object> body = response.map();
    if (!wanted.type().startsWith("https://")) {
      return body.keySet().equals(Set.of("status", "message"))
          && body.get("status").equals(wanted.status())
          && wanted.type().equals(body.get("message"));
    }
    return response.contentType().startsWith("application/problem+json")
        && wanted.type().equals(body.get("type"))
        && Integer.valueOf(wanted.status()).equals(body.get("status"));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
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
