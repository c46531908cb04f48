package com.voicecampaigns.cutover;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The parts of campaign-api's HTTP API the cut-over uses, so that every validation and idempotency
 * rule of the API applies to what it creates. Answers the API's status and JSON; an answer that is
 * no answer (unreachable, 401, 5xx) is an {@link ApiUnavailable}.
 */
final class CampaignApi {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final int PAGE = 200;

  // HTTP/1.1: no h2c upgrade attempt on plain http, which servers may refuse for large bodies
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;

  CampaignApi(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /**
   * The API's answer: its status and body.
   *
   * @param replayed the answer's {@code Idempotency-Replayed} header: an earlier request with the
   *     same key had made it
   */
  record Answer(int status, JsonNode body, boolean replayed) {
    /** The status, the problem's detail and its field errors, as the report shows them. */
    String problem() {
      String detail = body.path("detail").asString("");
      List<String> fields = new ArrayList<>();
      body.path("errors")
          .forEach(
              e ->
                  fields.add(e.path("field").asString("") + ": " + e.path("message").asString("")));
      return status
          + (detail.isEmpty() ? "" : " " + detail)
          + (fields.isEmpty() ? "" : " (" + String.join("; ", fields) + ")");
    }
  }

  /** The API could not be asked, or refused the caller: nothing more can be done for a tenant. */
  static final class ApiUnavailable extends RuntimeException {
    ApiUnavailable(String message) {
      super(message);
    }
  }

  /** Every item of a paged collection of the token's tenant. */
  List<JsonNode> all(String token, String path) {
    List<JsonNode> items = new ArrayList<>();
    for (int page = 0; ; page++) {
      Answer answer = send(token, get(path + "?size=" + PAGE + "&page=" + page));
      expect(answer, 200, "GET " + path);
      answer.body().path("items").forEach(items::add);
      if (page + 1 >= answer.body().path("totalPages").asLong(0)) {
        return items;
      }
    }
  }

  /** {@code POST /api/v1/contact-lists} with a CSV file, streamed. */
  Answer createList(String token, String name, Path csv) {
    try {
      String path = "/api/v1/contact-lists?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
      return send(
          token,
          post(path, "text/csv", BodyPublishers.ofFile(csv)).timeout(Duration.ofMinutes(30)));
    } catch (IOException e) {
      throw new ApiUnavailable("cannot read " + csv + ": " + e.getMessage());
    }
  }

  Answer deleteList(String token, String id) {
    return send(token, request("/api/v1/contact-lists/" + id).DELETE());
  }

  /** {@code POST /api/v1/campaign-imports}. */
  Answer importCampaign(String token, String idempotencyKey, Object body) {
    return send(
        token,
        post(
                "/api/v1/campaign-imports",
                "application/json",
                BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .header("Idempotency-Key", idempotencyKey));
  }

  private HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  private HttpRequest.Builder post(String path, String contentType, BodyPublisher body) {
    return request(path).header("Content-Type", contentType).POST(body);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json");
  }

  private Answer send(String token, HttpRequest.Builder request) {
    HttpRequest built = request.header("Authorization", "Bearer " + token).build();
    String what = built.method() + " " + built.uri().getPath();
    HttpResponse<String> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ApiUnavailable(what + ": the API did not answer (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnavailable(what + ": interrupted");
    }
    JsonNode body = readJson(response.body());
    boolean replayed =
        response.headers().firstValue("Idempotency-Replayed").map("true"::equals).orElse(false);
    Answer answer = new Answer(response.statusCode(), body, replayed);
    if (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500) {
      throw new ApiUnavailable(what + " answered " + answer.problem());
    }
    return answer;
  }

  private static JsonNode readJson(String text) {
    try {
      return text == null || text.isBlank() ? NullNode.getInstance() : JSON.readTree(text);
    } catch (RuntimeException notJson) {
      return NullNode.getInstance();
    }
  }

  private static void expect(Answer answer, int status, String what) {
    if (answer.status() != status) {
      throw new ApiUnavailable(what + " answered " + answer.problem());
    }
  }
}
