package com.voicecampaigns.faults.harness;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The campaign API, as a client with a valid HS256 token of one tenant uses it. */
public final class ApiClient {

  public static final String SECRET = "fault-suite-hs256-secret-0123456789-abcdef";
  static final String TENANT = "fault-suite";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String baseUrl;
  private final String token;

  ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
    this.token = token();
  }

  /**
   * What the API answered, and when its answer had arrived: the acknowledgement time the audit
   * compares with the simulator's placement times.
   */
  public record Answer(int status, JsonNode body, Instant answeredAt) {}

  /** Uploads a contact list of {@code phones}; answers its id. */
  public String createList(String name, List<String> phones) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("contacts", phones.stream().map(phone -> Map.of("phone", phone)).toList());
    return expect(201, send("POST", "/api/v1/contact-lists", body)).body().get("id").asString();
  }

  /** Creates a campaign with these fields (besides name, listId, fromNumber, wssUrl). */
  public JsonNode createCampaign(String name, String listId, Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("listId", listId);
    body.put("fromNumber", "+918035735659");
    body.put("wssUrl", "wss://bot.example.com/socket");
    body.putAll(fields);
    return expect(201, send("POST", "/api/v1/campaigns", body)).body();
  }

  public JsonNode campaign(String id) {
    return expect(200, send("GET", "/api/v1/campaigns/" + id, null)).body();
  }

  /** POST …/pause, …/resume or …/cancel. */
  public Answer control(String id, String action) {
    return send("POST", "/api/v1/campaigns/" + id + "/" + action, null);
  }

  /** Every call attempt of the campaign, page by page. */
  public List<JsonNode> calls(String id) {
    List<JsonNode> calls = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode body =
          expect(200, send("GET", "/api/v1/campaigns/" + id + "/calls?size=200&page=" + page, null))
              .body();
      body.get("items").forEach(calls::add);
      if (page + 1 >= body.get("totalPages").asLong()) {
        return calls;
      }
    }
  }

  private Answer send(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json");
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Instant answeredAt = Instant.now();
      JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
      return new Answer(response.statusCode(), json, answeredAt);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Answer expect(int status, Answer answer) {
    if (answer.status() != status) {
      throw new IllegalStateException(
          "the API answered " + answer.status() + " (expected " + status + "): " + answer.body());
    }
    return answer;
  }

  private static String token() {
    try {
      var claims =
          new JWTClaimsSet.Builder()
              .subject("fault-suite")
              .claim("clientId", TENANT)
              .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
              .build();
      var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
