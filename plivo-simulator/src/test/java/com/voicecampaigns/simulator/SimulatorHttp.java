package com.voicecampaigns.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP against a simulator, for what plivo-java cannot send (bad bodies, forms, admin). */
final class SimulatorHttp {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SimulatorHttp() {}

  static HttpResponse<String> send(
      PlivoSimulator simulator, String method, String path, String contentType, String body) {
    return send(
        simulator, method, path, contentType, body, simulator.authId(), simulator.authToken());
  }

  static HttpResponse<String> send(
      PlivoSimulator simulator,
      String method,
      String path,
      String contentType,
      String body,
      String authId,
      String authToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authId != null) {
      String credentials = authId + ":" + authToken;
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> admin(
      PlivoSimulator simulator, String method, String path, String jsonBody) {
    return send(simulator, method, path, "application/json", jsonBody, null, null);
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** A Make-Call request with a JSON body: {@code from}, {@code to} and what {@code fields} add. */
  static HttpResponse<String> makeCall(
      PlivoSimulator simulator, String to, String answerUrl, Map<String, Object> fields) {
    return send(
        simulator,
        "POST",
        callPath(simulator),
        "application/json",
        makeCallJson(to, answerUrl, fields));
  }

  /** The same, without waiting for the answer. */
  static CompletableFuture<HttpResponse<String>> makeCallAsync(
      PlivoSimulator simulator, String to, String answerUrl, Map<String, Object> fields) {
    String credentials = simulator.authId() + ":" + simulator.authToken();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + callPath(simulator)))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(makeCallJson(to, answerUrl, fields)))
            .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String makeCallJson(String to, String answerUrl, Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", "+14155550000");
    body.put("to", List.of(to));
    body.put("answer_url", answerUrl);
    body.putAll(fields);
    return JSON.writeValueAsString(body);
  }

  static String callPath(PlivoSimulator simulator) {
    return "/v1/Account/" + simulator.authId() + "/Call/";
  }
}
