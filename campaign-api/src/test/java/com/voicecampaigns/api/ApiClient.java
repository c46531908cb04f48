package com.voicecampaigns.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against the running API, so filters, security and the servlet container all run. */
public final class ApiClient {

  private static final JsonMapper JSON = JsonMapper.shared();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Response get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Response delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  public Response post(String path, String token, Object body) {
    return post(path, token, body, Map.of());
  }

  public Response post(String path, String token, Object body, Map<String, String> headers) {
    var request = request(path, token).header("Content-Type", "application/json");
    headers.forEach(request::header);
    return send(request.POST(BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  public Response put(String path, String token, Object body) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .PUT(BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  /** Any method, content type and raw body. */
  public Response raw(
      String method, String path, String token, String contentType, BodyPublisher body) {
    var request = request(path, token).method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path, String token) {
    var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  public String url(String path) {
    return base + path;
  }

  public record Response(int status, HttpHeaders headers, String body) {

    public JsonNode json() {
      return JSON.readTree(body);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
      return JSON.readValue(body, LinkedHashMap.class);
    }

    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
