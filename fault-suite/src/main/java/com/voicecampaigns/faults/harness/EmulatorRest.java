package com.voicecampaigns.faults.harness;

import com.voicecampaigns.testsupport.pubsub.PubSubBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Pub/Sub emulator's REST API for the suite's project: JSON in, JSON out, 2xx or a throw. */
final class EmulatorRest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String base;

  EmulatorRest(String emulatorHost) {
    this.base = "http://" + emulatorHost + "/v1/projects/" + PubSubBackend.TEST_PROJECT;
  }

  static String topicPath(String topic) {
    return "projects/" + PubSubBackend.TEST_PROJECT + "/topics/" + topic;
  }

  /** Sends {@code body} (none when null) to {@code path} under the project; its answer or null. */
  JsonNode send(String method, String path, Object body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
