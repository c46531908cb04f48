package com.voicecampaigns.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A newcomer's first {@code curl}: each service's composite {@code /actuator/health} (every
 * indicator, MongoDB's included) is UP against the test backends, which without Docker are the
 * embedded MongoDB of the local stack.
 */
@ExtendWith(SharedSystem.class)
class HealthSystemTests {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static RunningSystem system;

  @BeforeAll
  static void useSystem(RunningSystem shared) {
    system = shared;
  }

  @ParameterizedTest
  @ValueSource(strings = {"campaign-api", "campaign-dispatcher", "call-worker"})
  void compositeHealthIsUp(String service) throws IOException, InterruptedException {
    AppProcess app =
        switch (service) {
          case "campaign-api" -> system.api();
          case "campaign-dispatcher" -> system.dispatcher();
          default -> system.worker();
        };

    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(app.url() + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode health = JsonMapper.builder().build().readTree(response.body());
    assertThat(health.get("status").asString()).isEqualTo("UP");
    assertThat(health.get("groups").valueStream().map(JsonNode::asString).toList())
        .containsAll(List.of("liveness", "readiness"));
  }
}
