package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.plivo.api.PlivoClient;
import com.plivo.api.models.call.Call;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle keep-alive timeout: the server closes a pooled connection that sat idle, and a client
 * that reuses it without retrying (the worker's {@code retryOnConnectionFailure(false)}) fails.
 * OkHttp checks a pooled connection before a POST only once it has been idle for 10 s, so an API
 * that closes idle connections after 5 s (Node.js) fails every request after a quiet gap of 5 to 10
 * s.
 */
class IdleTimeoutTests {

  private static final MediaType JSON = MediaType.get("application/json");

  private final PlivoSimulator simulator =
      PlivoSimulator.start(
          SimulatorConfig.defaults()
              .withIdleTimeout(Duration.ofMillis(700))
              .withRingDelay(Duration.ofHours(1)));

  @AfterEach
  void close() {
    simulator.close();
  }

  private Request makeCall(String to) {
    String body =
        "{\"from\":\"+14155550000\",\"to\":[\""
            + to
            + "\"],\"answer_url\":\"https://w.example/a\"}";
    return new Request.Builder()
        .url(simulator.baseUrl() + SimulatorHttp.callPath(simulator))
        .header(
            "Authorization", okhttp3.Credentials.basic(simulator.authId(), simulator.authToken()))
        .post(RequestBody.create(body, JSON))
        .build();
  }

  private static int status(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  @Test
  void aClientReusingAConnectionTheServerClosedWhileIdleGetsUnexpectedEndOfStream()
      throws IOException {
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    assertThat(status(client, makeCall("+14155550100"))).isEqualTo(201);

    await().atMost(Duration.ofSeconds(5)).until(() -> simulator.connections().closedIdle() == 1);

    assertThatThrownBy(() -> status(client, makeCall("+14155550101")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unexpected end of stream");
    // the server never saw the second request: the client wrote into a closed connection
    assertThat(simulator.calls()).hasSize(1);
  }

  @Test
  void plivoJavaConfiguredLikeTheWorkerFailsTheSameWay() throws Exception {
    PlivoClient plivo =
        PlivoClients.pointedAt(
            simulator,
            new OkHttpClient.Builder().retryOnConnectionFailure(false),
            Duration.ofSeconds(5));
    Call.creator("+14155550000", List.of("+14155550100"), "https://w.example/a")
        .client(plivo)
        .create();

    await().atMost(Duration.ofSeconds(5)).until(() -> simulator.connections().closedIdle() == 1);

    assertThatThrownBy(
            () ->
                Call.creator("+14155550000", List.of("+14155550101"), "https://w.example/a")
                    .client(plivo)
                    .create())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unexpected end of stream");
  }

  @Test
  void aClientThatEvictsIdleConnectionsSoonerThanTheServerNeverHitsAClosedOne() throws IOException {
    ConnectionPool pool = new ConnectionPool(5, 200, TimeUnit.MILLISECONDS);
    OkHttpClient client =
        new OkHttpClient.Builder().retryOnConnectionFailure(false).connectionPool(pool).build();
    assertThat(status(client, makeCall("+14155550100"))).isEqualTo(201);

    await().atMost(Duration.ofSeconds(5)).until(() -> pool.connectionCount() == 0);
    // a quiet gap longer than the server's idle timeout, in which the server closes nothing
    await()
        .during(Duration.ofMillis(1000))
        .atMost(Duration.ofSeconds(3))
        .until(() -> simulator.connections().closedIdle() == 0);

    assertThat(status(client, makeCall("+14155550101"))).isEqualTo(201);
    assertThat(simulator.connections().opened()).isEqualTo(2);
    assertThat(simulator.calls()).extracting(SimulatedCall::accepted).containsExactly(true, true);
  }

  @Test
  void aSlowAnswerIsNotIdleTimeTheConnectionStaysOpenWhileARequestIsAnswered() throws IOException {
    simulator.latency(Duration.ofMillis(1500), Duration.ZERO);
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    assertThat(status(client, makeCall("+14155550100"))).isEqualTo(201);
    assertThat(simulator.connections().closedIdle()).isZero();
    assertThat(status(client, makeCall("+14155550101"))).isEqualTo(201);
    assertThat(simulator.connections().opened()).isEqualTo(1);
  }

  @Test
  void aTimeoutSetAtRunTimeAppliesToConnectionsAlreadyIdle() throws IOException {
    simulator.idleTimeout(Duration.ZERO);
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    assertThat(status(client, makeCall("+14155550100"))).isEqualTo(201);
    assertThat(simulator.connections().open()).isEqualTo(1);

    SimulatorHttp.admin(simulator, "PUT", "/__admin/idle-timeout", "{\"idleTimeoutMillis\":300}");

    // the OkHttp connection, and the admin request's own once it is idle
    await().atMost(Duration.ofSeconds(5)).until(() -> simulator.connections().closedIdle() == 2);
    assertThat(simulator.connections().open()).isZero();
  }

  @Test
  void idleTimeoutChangesAtRunTimeOverTheAdminApiAndZeroKeepsConnections() throws IOException {
    HttpResponse<String> put =
        SimulatorHttp.admin(simulator, "PUT", "/__admin/idle-timeout", "{\"idleTimeoutMillis\":0}");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(SimulatorHttp.json(put).get("idleTimeoutMillis").asLong()).isZero();
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    long opened = simulator.connections().opened();

    assertThat(status(client, makeCall("+14155550100"))).isEqualTo(201);
    await()
        .during(Duration.ofMillis(1200))
        .atMost(Duration.ofSeconds(3))
        .until(() -> simulator.connections().closedIdle() == 0);
    assertThat(status(client, makeCall("+14155550101"))).isEqualTo(201);

    assertThat(simulator.connections().opened() - opened).isEqualTo(1);
    var stats =
        SimulatorHttp.json(SimulatorHttp.admin(simulator, "GET", "/__admin/connections", null));
    assertThat(stats.get("closedIdle").asLong()).isZero();
    assertThat(
            SimulatorHttp.admin(
                    simulator, "PUT", "/__admin/idle-timeout", "{\"idleTimeoutMillis\":\"5s\"}")
                .statusCode())
        .isEqualTo(400);
  }
}
