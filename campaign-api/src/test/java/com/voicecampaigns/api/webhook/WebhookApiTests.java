package com.voicecampaigns.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints' routes: register, list, read, delete, the delivery log, and bad input on each. */
class WebhookApiTests extends ApiTestBase {

  static final String VALIDATION = "https://voice-campaigns.dev/problems/validation";
  static final String MALFORMED = "https://voice-campaigns.dev/problems/malformed-request";
  static final String NOT_FOUND = "https://voice-campaigns.dev/problems/not-found";
  static final String REFUSED = "https://voice-campaigns.dev/problems/webhook-target-refused";

  @Test
  void registersAnEndpointAndShowsItsSecretOnlyOnce() {
    Response created =
        api.post(
            "/api/v1/webhooks",
            token,
            Map.of(
                "url", "http://127.0.0.1:9/hooks",
                "events", List.of("call.ended", "campaign.completed", "call.ended"),
                "description", "CRM"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    var body = created.json();
    String id = body.get("id").asString();
    assertThat(id).startsWith("ep_");
    assertThat(created.headers().firstValue("Location")).contains("/api/v1/webhooks/" + id);
    assertThat(body.get("secret").asString()).startsWith("whsec_");
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("events").toString()).isEqualTo("[\"call.ended\",\"campaign.completed\"]");
    assertThat(body.get("createdBy").asString()).isNotBlank();

    var read = api.get("/api/v1/webhooks/" + id, token).json();
    assertThat(read.get("url").asString()).isEqualTo("http://127.0.0.1:9/hooks");
    assertThat(read.get("secret").isNull()).isTrue();
    var list = api.get("/api/v1/webhooks", token).json();
    assertThat(list.get("totalItems").asLong()).isEqualTo(1);
    assertThat(list.get("items").get(0).get("secret").isNull()).isTrue();
    var log = api.get("/api/v1/webhooks/" + id + "/deliveries", token);
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.json().get("totalItems").asLong()).isZero();
  }

  @Test
  void anotherTenantSeesNoneOfTheEndpointsAndCannotDeleteThem() {
    String id = register("http://127.0.0.1:9/hooks", "call.ended");
    String other = tokens.forTenant("other-" + tenant);

    assertThat(api.get("/api/v1/webhooks/" + id, other).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/webhooks/" + id + "/deliveries", other).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/webhooks/" + id, other).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/webhooks", other).json().get("totalItems").asLong()).isZero();
    assertThat(api.get("/api/v1/webhooks/" + id, token).status()).isEqualTo(200);
  }

  @Test
  void deletesAnEndpoint() {
    String id = register("http://127.0.0.1:9/hooks", "call.ended");

    assertThat(api.delete("/api/v1/webhooks/" + id, token).status()).isEqualTo(204);
    Response gone = api.get("/api/v1/webhooks/" + id, token);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("type").asString()).isEqualTo(NOT_FOUND);
    assertThat(api.delete("/api/v1/webhooks/" + id, token).status()).isEqualTo(404);
  }

  @Test
  void answersBadInputWithTheExactStatusAndProblemTypeAndStoresNothing() {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("", MALFORMED);
    bodies.put("{", MALFORMED);
    bodies.put("[]", MALFORMED);
    bodies.put("{}", VALIDATION);
    bodies.put("{\"url\":\"http://127.0.0.1:9/h\"}", VALIDATION);
    bodies.put("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[]}", VALIDATION);
    bodies.put("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"call.nope\"]}", VALIDATION);
    bodies.put("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[null]}", VALIDATION);
    bodies.put("{\"url\":\"http://127.0.0.1:9/h\",\"events\":\"call.ended\"}", VALIDATION);
    bodies.put("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[{\"a\":1}]}", VALIDATION);
    bodies.put("{\"url\":{\"$ne\":null},\"events\":[\"call.ended\"]}", VALIDATION);
    bodies.put("{\"url\":\"not a url\",\"events\":[\"call.ended\"]}", VALIDATION);
    bodies.put("{\"url\":\"/relative\",\"events\":[\"call.ended\"]}", VALIDATION);
    bodies.put(
        "{\"url\":\"http://127.0.0.1:9/" + "x".repeat(2100) + "\",\"events\":[\"call.ended\"]}",
        VALIDATION);
    bodies.put(
        "{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"call.ended\"],\"description\":\""
            + "d".repeat(201)
            + "\"}",
        VALIDATION);
    bodies.put("{\"url\":\"ftp://127.0.0.1/h\",\"events\":[\"call.ended\"]}", REFUSED);
    bodies.put("{\"url\":\"https://nowhere.invalid/h\",\"events\":[\"call.ended\"]}", REFUSED);
    List<String> failures = new ArrayList<>();
    bodies.forEach(
        (body, type) -> {
          Response response =
              api.raw(
                  "POST",
                  "/api/v1/webhooks",
                  token,
                  "application/json",
                  BodyPublishers.ofString(body));
          if (response.status() != 400 || !response.json().get("type").asString().equals(type)) {
            failures.add(abbreviate(body) + " : wanted 400 " + type + ", got " + response);
          }
        });
    assertThat(failures).isEmpty();
    assertThat(api.get("/api/v1/webhooks", token).json().get("totalItems").asLong()).isZero();
  }

  @Test
  void answersBadIdsAndParametersWithTheExactProblem() {
    String id = register("http://127.0.0.1:9/hooks", "call.ended");
    Map<String, Object[]> gets = new LinkedHashMap<>();
    gets.put("/api/v1/webhooks?page=-1", new Object[] {400, VALIDATION});
    gets.put("/api/v1/webhooks?size=abc", new Object[] {400, MALFORMED});
    gets.put("/api/v1/webhooks/zzz", new Object[] {404, NOT_FOUND});
    gets.put("/api/v1/webhooks/%24where", new Object[] {404, NOT_FOUND});
    gets.put("/api/v1/webhooks/zzz/deliveries", new Object[] {404, NOT_FOUND});
    gets.put("/api/v1/webhooks/" + id + "/deliveries?status=nope", new Object[] {400, VALIDATION});
    gets.put("/api/v1/webhooks/" + id + "/deliveries?size=0", new Object[] {400, VALIDATION});
    List<String> failures = new ArrayList<>();
    gets.forEach(
        (path, wanted) -> {
          Response response = api.get(path, token);
          if (response.status() != (int) wanted[0]
              || !response.json().get("type").asString().equals(wanted[1])) {
            failures.add(path + " : wanted " + wanted[0] + " " + wanted[1] + ", got " + response);
          }
        });
    assertThat(failures).isEmpty();
    assertThat(api.get("/api/v1/webhooks", null).status()).isEqualTo(401);
    Response noTenant = api.post("/api/v1/webhooks", tokens.withoutTenant(), Map.of("url", "x"));
    assertThat(noTenant.status()).as(noTenant.toString()).isEqualTo(403);
  }

  @Test
  void refusesMoreEndpointsThanATenantMayHave() {
    for (int i = 0; i < 20; i++) {
      register("http://127.0.0.1:9/hooks/" + i, "call.ended");
    }
    Response over =
        api.post(
            "/api/v1/webhooks",
            token,
            Map.of("url", "http://127.0.0.1:9/hooks/21", "events", List.of("call.ended")));

    assertThat(over.status()).isEqualTo(409);
    assertThat(over.json().get("type").asString())
        .isEqualTo("https://voice-campaigns.dev/problems/webhook-limit-reached");
    assertThat(over.json().get("limit").asInt()).isEqualTo(20);
  }

  private String register(String url, String... events) {
    Response created =
        api.post("/api/v1/webhooks", token, Map.of("url", url, "events", List.of(events)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private static String abbreviate(String body) {
    return body.length() > 80 ? body.substring(0, 80) + "…" : body;
  }
}
