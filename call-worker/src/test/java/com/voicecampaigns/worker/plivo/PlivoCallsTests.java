package com.voicecampaigns.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.voicecampaigns.model.campaign.MachineDetection;
import com.voicecampaigns.simulator.Fault;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatedCall;
import com.voicecampaigns.testsupport.FreePorts;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker's plivo-java client against the simulator: exactly one Make-Call request per {@code
 * place}, whatever Plivo answers, and each answer sorted into a {@link MakeCallOutcome}: only what
 * certainly placed no call may be sent again.
 */
class PlivoCallsTests {

  static PlivoSimulator plivo;

  /** Fresh for every test, so that a test counts only its own requests. */
  SimpleMeterRegistry meters;

  PlivoCalls calls;

  static final MakeCallRequest REQUEST =
      new MakeCallRequest("c1", "camp1", "+918035735659", "+14155550199", MachineDetection.OFF);

  static final URI PUBLIC_URL = URI.create("http://127.0.0.1:9");

  @BeforeAll
  static void start() {
    plivo = PlivoSimulator.start();
  }

  @AfterAll
  static void stop() {
    plivo.close();
  }

  @BeforeEach
  void reset() {
    plivo.reset();
    meters = new SimpleMeterRegistry();
    calls = client(plivo.apiUrl(), plivo.authToken(), Duration.ofSeconds(2));
  }

  PlivoCalls client(String apiUrl, String authToken, Duration idleConnectionTimeout) {
    PlivoProperties properties =
        new PlivoProperties(
            URI.create(apiUrl),
            plivo.authId(),
            authToken,
            0,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            idleConnectionTimeout,
            Duration.ofSeconds(30),
            Duration.ofMinutes(10));
    return new PlivoCalls(
        new PlivoClientConfig().plivoClient(properties),
        new CallbackUrls(PUBLIC_URL),
        properties,
        new WorkerMetrics(meters),
        Clock.systemUTC());
  }

  @Test
  void anAcceptedRequestAnswersPlivosRequestUuidAndNamesTheCallInItsCallbackUrls() {
    MakeCallOutcome result = calls.place(REQUEST);

    assertThat(result).isInstanceOf(MakeCallOutcome.Placed.class);
    SimulatedCall received = plivo.calls().get(0);
    assertThat(((MakeCallOutcome.Placed) result).requestUuid()).isEqualTo(received.requestUuid());
    assertThat(received.answerUrl())
        .isEqualTo("http://127.0.0.1:9/plivo/answer/c1?campaignId=camp1&callId=c1");
    assertThat(received.answerMethod()).isEqualTo("POST");
    assertThat(received.hangupUrl())
        .isEqualTo("http://127.0.0.1:9/plivo/hangup/c1?campaignId=camp1&callId=c1");
    assertThat(received.ringUrl())
        .isEqualTo("http://127.0.0.1:9/plivo/ring/c1?campaignId=camp1&callId=c1");
    assertThat(received.params())
        .containsEntry("time_limit", "600")
        .containsEntry("ring_timeout", "30")
        .doesNotContainKey("machine_detection");
  }

  @Test
  void machineDetectionIsAskedForAsTheCampaignSays() {
    calls.place(
        new MakeCallRequest(
            "c2", "camp1", "+918035735659", "+14155550198", MachineDetection.HANGUP));
    calls.place(
        new MakeCallRequest("c3", "camp1", "+918035735659", "+14155550197", MachineDetection.BOT));

    assertThat(plivo.calls().get(0).params())
        .containsEntry("machine_detection", "hangup")
        .containsEntry(
            "machine_detection_url",
            "http://127.0.0.1:9/plivo/machine/c2?campaignId=camp1&callId=c2")
        .containsEntry("machine_detection_method", "POST");
    assertThat(plivo.calls().get(1).params())
        .containsEntry("machine_detection", "true")
        .doesNotContainKey("machine_detection_url");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504})
  void aServerErrorIsOneRequestAndAmbiguous(int status) {
    plivo.failNext(status, 5);

    MakeCallOutcome result = calls.place(REQUEST);

    // plivo-java alone POSTs again to two fallback hosts after any 5xx
    assertThat(plivo.calls()).hasSize(1);
    assertThat(result).isInstanceOf(MakeCallOutcome.Ambiguous.class);
    assertThat(result.reason()).isEqualTo("plivo-5xx");
    assertThat(plivo.pendingFaults()).hasSize(1).first().extracting(Fault::count).isEqualTo(4);
  }

  @Test
  void a504AfterPlacingIsAmbiguousAndThePhoneRangOnce() {
    plivo.failNext(Fault.afterPlacing(504, 1));

    MakeCallOutcome result = calls.place(REQUEST);

    assertThat(result).isInstanceOf(MakeCallOutcome.Ambiguous.class);
    assertThat(result.reason()).isEqualTo("plivo-5xx");
    assertThat(plivo.calls()).singleElement().satisfies(call -> assertThat(call.placed()).isTrue());
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void aRateLimitOrAnUnavailableServiceIsOneRequestAndNotPlaced(int status) {
    plivo.failNext(status, 1);

    MakeCallOutcome result = calls.place(REQUEST);

    assertThat(result).isInstanceOf(MakeCallOutcome.NotPlaced.class);
    assertThat(result.reason()).isEqualTo("plivo-" + status);
    assertThat(((MakeCallOutcome.NotPlaced) result).retryAfter()).isZero();
    assertThat(plivo.calls())
        .singleElement()
        .satisfies(call -> assertThat(call.placed()).isFalse());
  }

  @Test
  void a503CarriesPlivosRetryAfter() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = "{\"error\":\"service unavailable\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Retry-After", "7");
          exchange.sendResponseHeaders(503, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      PlivoCalls unavailable =
          client(
              "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/",
              plivo.authToken(),
              Duration.ofSeconds(2));

      MakeCallOutcome result = unavailable.place(REQUEST);

      assertThat(result)
          .isEqualTo(
              new MakeCallOutcome.NotPlaced(
                  "plivo-503", Duration.ofSeconds(7), "Plivo 503: service unavailable"));
      assertThat(requests).hasValue(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aLastCheckThatSaysNoOrFailsWithholdsTheRequestAndTheNextOneGoesOut() {
    AtomicInteger checks = new AtomicInteger();

    MakeCallOutcome withheld =
        calls.place(
            REQUEST,
            () -> {
              checks.incrementAndGet();
              return false;
            });
    MakeCallOutcome failed =
        calls.place(
            REQUEST,
            () -> {
              checks.incrementAndGet();
              throw new IllegalStateException("MongoDB timed out");
            });
    MakeCallOutcome sent =
        calls.place(
            REQUEST,
            () -> {
              checks.incrementAndGet();
              return true;
            });

    assertThat(withheld).isEqualTo(new MakeCallOutcome.Withheld());
    assertThat(failed).isEqualTo(new MakeCallOutcome.Withheld());
    assertThat(sent).isInstanceOf(MakeCallOutcome.Placed.class);
    assertThat(checks).hasValue(3);
    assertThat(plivo.calls()).hasSize(1); // only the last reached Plivo
    assertThat(meters.get("worker.plivo.requests").tag("status", "withheld").timer().count())
        .isEqualTo(2);
  }

  @Test
  void theLastCheckRunsOnlyOnceTheRequestHoldsAConnection() {
    PlivoCalls unreachable =
        client("http://127.0.0.1:" + FreePorts.find() + "/v1/", "token", Duration.ofSeconds(2));
    AtomicInteger checks = new AtomicInteger();

    MakeCallOutcome result =
        unreachable.place(
            REQUEST,
            () -> {
              checks.incrementAndGet();
              return true;
            });

    assertThat(result).isInstanceOf(MakeCallOutcome.NotPlaced.class);
    assertThat(result.reason()).isEqualTo("connect");
    assertThat(checks).hasValue(0);
  }

  @Test
  void refusedCredentialsAndRefusedNumbersAreFinalWithPlivosMessage() {
    PlivoCalls wrongToken = client(plivo.apiUrl(), "not-the-token", Duration.ofSeconds(2));

    MakeCallOutcome credentials = wrongToken.place(REQUEST);
    plivo.failNext(Fault.of(400, 1).withBody("{\"api_id\":\"x\",\"error\":\"invalid to number\"}"));
    MakeCallOutcome number = calls.place(REQUEST);

    assertThat(credentials).isInstanceOf(MakeCallOutcome.Refused.class);
    assertThat(((MakeCallOutcome.Refused) credentials).accountLevel()).isTrue();
    assertThat(((MakeCallOutcome.Refused) credentials).status()).isEqualTo(401);
    assertThat(credentials.reason()).isEqualTo("auth");
    assertThat(number).isInstanceOf(MakeCallOutcome.Refused.class);
    assertThat(((MakeCallOutcome.Refused) number).accountLevel()).isFalse();
    assertThat(number.detail()).isEqualTo("Plivo 400: invalid to number");
  }

  @Test
  void aRequestThatTimesOutIsAmbiguousAndIsNotSentAgain() {
    plivo.failNext(Fault.delayOnly(Duration.ofMillis(2500), 1));

    MakeCallOutcome result = calls.place(REQUEST);

    assertThat(result).isInstanceOf(MakeCallOutcome.Ambiguous.class);
    assertThat(result.reason()).isEqualTo("timeout");
    await().atMost(Duration.ofSeconds(10)).until(() -> plivo.calls().size() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> plivo.calls().get(0).placed());
    assertThat(plivo.calls()).hasSize(1); // Plivo placed it all the same, once
  }

  @ParameterizedTest
  @ValueSource(strings = {"timeout-after-placing", "close-after-placing", "close"})
  void aConnectionLostAfterTheRequestWasWrittenIsAmbiguous(String fault) {
    plivo.failNext(
        Fault.parse(fault).withDelay(Duration.ofMillis(fault.startsWith("timeout") ? 3000 : 0)));

    MakeCallOutcome result = calls.place(REQUEST);

    assertThat(result).isInstanceOf(MakeCallOutcome.Ambiguous.class);
    assertThat(result.reason()).isEqualTo(fault.startsWith("timeout") ? "timeout" : "broken");
    assertThat(plivo.calls()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "garbage-after-placing"})
  void anAnswerThatCannotBeReadIsAmbiguous(String fault) {
    plivo.failNext(Fault.parse(fault));

    MakeCallOutcome result = calls.place(REQUEST);

    assertThat(result).isInstanceOf(MakeCallOutcome.Ambiguous.class);
    assertThat(result.reason()).isEqualTo("unreadable");
    assertThat(plivo.calls()).hasSize(1);
  }

  @Test
  void noConnectionMeansNoCallAndCanBeTriedAgain() {
    PlivoCalls nowhere =
        client(
            "http://127.0.0.1:" + FreePorts.find() + "/v1/",
            plivo.authToken(),
            Duration.ofSeconds(2));

    MakeCallOutcome result = nowhere.place(REQUEST);

    assertThat(result).isInstanceOf(MakeCallOutcome.NotPlaced.class);
    assertThat(result.reason()).isEqualTo("connect");
  }

  /**
   * The server closes a kept-alive connection after 1 s idle; a request after that goes out on a
   * fresh connection, placed at once, rather than into the dead one.
   */
  @Test
  void aConnectionTheServerClosedWhileIdleIsNotReused() {
    plivo.idleTimeout(Duration.ofSeconds(1));
    PlivoCalls shortIdle = client(plivo.apiUrl(), plivo.authToken(), Duration.ofMillis(500));
    assertThat(shortIdle.place(REQUEST)).isInstanceOf(MakeCallOutcome.Placed.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> plivo.connections().open() == 0); // the server closed ours too

    long started = System.nanoTime();
    MakeCallOutcome second = shortIdle.place(REQUEST);

    assertThat(second).isInstanceOf(MakeCallOutcome.Placed.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
    assertThat(plivo.calls()).hasSize(2).allSatisfy(call -> assertThat(call.placed()).isTrue());
  }

  /**
   * The same with a pool that trusts idle connections longer than the server keeps them: the
   * request is written into the closed connection and its outcome is unknown. This is what {@code
   * plivo.idle-connection-timeout} prevents (and shows the test above can fail).
   */
  @Test
  void aPoolThatKeepsIdleConnectionsLongerThanTheServerWritesIntoADeadOne() {
    plivo.idleTimeout(Duration.ofSeconds(1));
    PlivoCalls longIdle = client(plivo.apiUrl(), plivo.authToken(), Duration.ofMinutes(5));
    assertThat(longIdle.place(REQUEST)).isInstanceOf(MakeCallOutcome.Placed.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> plivo.connections().open() == 0); // the server closed ours too

    MakeCallOutcome second = longIdle.place(REQUEST);

    assertThat(second).isInstanceOf(MakeCallOutcome.Ambiguous.class);
    assertThat(second.reason()).isEqualTo("broken");
  }

  @Test
  void everyRequestIsTimedByStatus() {
    calls.place(REQUEST);
    plivo.failNext(429, 1);
    calls.place(REQUEST);
    calls.place(REQUEST);

    assertThat(meters.get("worker.plivo.requests").tag("status", "201").timer().count())
        .isEqualTo(2);
    assertThat(meters.get("worker.plivo.requests").tag("status", "429").timer().count())
        .isEqualTo(1);
    assertThat(meters.find("worker.plivo.requests").timers()).hasSize(2);
  }
}
