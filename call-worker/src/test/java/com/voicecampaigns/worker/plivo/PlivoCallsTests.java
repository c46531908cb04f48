package com.voicecampaigns.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.simulator.Fault;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatedCall;
import com.voicecampaigns.testsupport.FreePorts;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import com.voicecampaigns.worker.plivo.PlivoCalls.CallRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's plivo-java client against the simulator: one Make-Call request per {@code
 * placeCall}, whatever Plivo answers, and each answer classified for the dialler.
 */
class PlivoCallsTests {

  static PlivoSimulator plivo;

  /** Fresh for every test, so that a test counts only its own requests. */
  SimpleMeterRegistry meters;

  PlivoCalls calls;

  static final CallRequest REQUEST =
      new CallRequest(
          "+918035735659",
          "+14155550199",
          URI.create("http://127.0.0.1:9/plivo/answer/c1"),
          URI.create("http://127.0.0.1:9/plivo/hangup/c1"),
          URI.create("http://127.0.0.1:9/plivo/ring/c1"));

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
    calls = client(plivo.apiUrl(), plivo.authToken());
  }

  PlivoCalls client(String apiUrl, String authToken) {
    PlivoProperties properties =
        new PlivoProperties(
            URI.create(apiUrl),
            plivo.authId(),
            authToken,
            0,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(10));
    return new PlivoCalls(
        new PlivoClientConfig().plivoClient(properties), properties, new WorkerMetrics(meters));
  }

  @Test
  void anAcceptedRequestAnswersPlivosRequestUuidAndSendsTheCallbacks() {
    MakeCallResult result = calls.placeCall(REQUEST);

    assertThat(result).isInstanceOf(MakeCallResult.Placed.class);
    SimulatedCall received = plivo.calls().get(0);
    assertThat(((MakeCallResult.Placed) result).requestUuid()).isEqualTo(received.requestUuid());
    assertThat(received.answerUrl()).isEqualTo(REQUEST.answerUrl().toString());
    assertThat(received.answerMethod()).isEqualTo("POST");
    assertThat(received.hangupUrl()).isEqualTo(REQUEST.hangupUrl().toString());
    assertThat(received.ringUrl()).isEqualTo(REQUEST.ringUrl().toString());
    assertThat(received.params())
        .containsEntry("time_limit", "600")
        .containsEntry("ring_timeout", "30");
  }

  @Test
  void aServerErrorIsOneRequestNotThreeAndCanBeTriedAgain() {
    plivo.failNext(500, 5);

    MakeCallResult result = calls.placeCall(REQUEST);

    // plivo-java alone POSTs again to two fallback hosts after any 5xx
    assertThat(plivo.calls()).hasSize(1);
    assertThat(result).isInstanceOf(MakeCallResult.Transient.class);
    assertThat(result.reason()).isEqualTo("plivo-5xx");
    assertThat(plivo.pendingFaults()).hasSize(1).first().extracting(Fault::count).isEqualTo(4);
  }

  @Test
  void aRateLimitIsOneRequestAndCanBeTriedAgain() {
    plivo.failNext(429, 1);

    assertThat(calls.placeCall(REQUEST).reason()).isEqualTo("plivo-429");
    assertThat(plivo.calls()).hasSize(1);
  }

  @Test
  void refusedCredentialsAndRefusedNumbersAreFinalWithPlivosMessage() {
    PlivoCalls wrongToken = client(plivo.apiUrl(), "not-the-token");

    MakeCallResult credentials = wrongToken.placeCall(REQUEST);
    plivo.failNext(Fault.of(400, 1).withBody("{\"api_id\":\"x\",\"error\":\"invalid to number\"}"));
    MakeCallResult number = calls.placeCall(REQUEST);

    assertThat(credentials).isInstanceOf(MakeCallResult.Refused.class);
    assertThat(((MakeCallResult.Refused) credentials).accountLevel()).isTrue();
    assertThat(((MakeCallResult.Refused) credentials).status()).isEqualTo(401);
    assertThat(number).isInstanceOf(MakeCallResult.Refused.class);
    assertThat(((MakeCallResult.Refused) number).accountLevel()).isFalse();
    assertThat(((MakeCallResult.Refused) number).message())
        .isEqualTo("Plivo 400: invalid to number");
  }

  @Test
  void aRequestThatTimesOutHasAnUnknownOutcomeAndIsNotSentAgain() {
    plivo.failNext(Fault.delayOnly(Duration.ofMillis(2500), 1));

    MakeCallResult result = calls.placeCall(REQUEST);

    assertThat(result).isInstanceOf(MakeCallResult.Uncertain.class);
    assertThat(result.reason()).isEqualTo("timeout");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> plivo.calls().size() == 1);
    assertThat(plivo.calls().get(0).accepted()).isTrue(); // Plivo placed it all the same
  }

  @Test
  void noConnectionMeansNoCallAndCanBeTriedAgain() {
    PlivoCalls nowhere = client("http://127.0.0.1:" + FreePorts.find() + "/v1/", plivo.authToken());

    MakeCallResult result = nowhere.placeCall(REQUEST);

    assertThat(result).isInstanceOf(MakeCallResult.Transient.class);
    assertThat(result.reason()).isEqualTo("connect");
  }

  @Test
  void everyRequestIsTimedByStatus() {
    calls.placeCall(REQUEST);
    plivo.failNext(429, 1);
    calls.placeCall(REQUEST);
    calls.placeCall(REQUEST);

    assertThat(meters.get("worker.plivo.requests").tag("status", "201").timer().count())
        .isEqualTo(2);
    assertThat(meters.get("worker.plivo.requests").tag("status", "429").timer().count())
        .isEqualTo(1);
    assertThat(meters.find("worker.plivo.requests").timers()).hasSize(2);
  }
}
