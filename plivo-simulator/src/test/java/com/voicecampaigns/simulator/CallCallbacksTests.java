package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plivo.api.PlivoClient;
import com.plivo.api.models.call.Call;
import com.plivo.api.util.Utils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallCallbacksTests {

  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

  private final CallbackReceiver worker = CallbackReceiver.start();
  private PlivoSimulator simulator =
      PlivoSimulator.start(
          SimulatorConfig.defaults()
              .withRingDelay(Duration.ofMillis(50))
              .withCallDuration(Duration.ofMillis(200))
              .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
              .withHangupRetries(2, Duration.ofMillis(50)));

  @AfterEach
  void close() {
    simulator.close();
    worker.close();
  }

  private String placeCall(String to, String method) throws Exception {
    return placeCall(to, method, worker.url("/plivo/answer?campaign=c1"));
  }

  private String placeCall(String to, String method, String answerUrl) throws Exception {
    PlivoClient client = PlivoClients.pointedAt(simulator);
    return Call.creator("+14155550000", List.of(to), answerUrl)
        .answerMethod(method)
        .hangupUrl(worker.url("/plivo/hangup"))
        .hangupMethod(method)
        .ringUrl(worker.url("/plivo/ring"))
        .client(client)
        .create()
        .getRequestUuid();
  }

  private boolean validSignature(CallbackReceiver.Callback callback, String signedUrl)
      throws Exception {
    return Utils.validateSignatureV3(
        signedUrl,
        callback.nonce(),
        callback.signature(),
        simulator.authToken(),
        callback.method().equals("GET") ? "GET" : "POST",
        callback.params());
  }

  @Test
  void answeredCallPostsRingThenAnswerThenHangupWithPlivoParameters() throws Exception {
    String requestUuid = placeCall("+14155550100", "POST");

    await().until(() -> simulator.calls().get(0).finished());
    SimulatedCall call = simulator.calls().get(0);
    assertThat(worker.callbacks())
        .extracting(CallbackReceiver.Callback::path)
        .containsExactly("/plivo/ring", "/plivo/answer", "/plivo/hangup");

    CallbackReceiver.Callback answer = worker.callbacksTo("/plivo/answer").get(0);
    assertThat(answer.method()).isEqualTo("POST");
    assertThat(answer.headers()).containsEntry("content-type", "application/x-www-form-urlencoded");
    assertThat(answer.params())
        .containsEntry("CallUUID", call.callUuid())
        .containsEntry("RequestUUID", requestUuid)
        .containsEntry("From", "+14155550000")
        .containsEntry("To", "+14155550100")
        .containsEntry("CallStatus", "in-progress")
        .containsEntry("Direction", "outbound")
        .containsEntry("Event", "StartApp")
        .containsEntry("CallerName", "+14155550000")
        .containsEntry("ALegUUID", call.callUuid())
        .containsEntry("ALegRequestUUID", requestUuid);

    CallbackReceiver.Callback hangup = worker.callbacksTo("/plivo/hangup").get(0);
    assertThat(hangup.params())
        .containsEntry("CallUUID", call.callUuid())
        .containsEntry("RequestUUID", requestUuid)
        .containsEntry("From", "+14155550000")
        .containsEntry("To", "+14155550100")
        .containsEntry("CallStatus", "completed")
        .containsEntry("HangupCause", "NORMAL_CLEARING")
        .containsEntry("HangupCauseName", "Normal Hangup")
        .containsEntry("HangupSource", "Callee")
        .containsEntry("Duration", "1")
        .containsEntry("BillDuration", "60")
        .containsEntry("StartTime", "2030-01-02 03:04:05")
        .containsEntry("AnswerTime", "2030-01-02 03:04:05")
        .containsEntry("EndTime", "2030-01-02 03:04:05")
        .containsEntry("Direction", "outbound")
        .containsEntry("Event", "Hangup");

    assertThat(worker.callbacksTo("/plivo/ring").get(0).params())
        .containsEntry("CallStatus", "ringing");

    assertThat(call.answerStatus()).isEqualTo(200);
    assertThat(call.answerXml()).isEqualTo(CallbackReceiver.ANSWER_XML);
    assertThat(call.ringStatus()).isEqualTo(200);
    assertThat(call.hangupStatus()).isEqualTo(200);
    assertThat(call.hangupDelivered()).isTrue();
    assertThat(call.hangupAttempts()).isEqualTo(1);
    assertThat(call.callStatus()).isEqualTo("completed");
    assertThat(call.answeredAt()).isEqualTo(NOW);
    assertThat(call.endedAt()).isEqualTo(NOW);
    assertThat(call.lastError()).isNull();
  }

  @Test
  void everyPostCallbackCarriesAV3SignatureThatPlivoJavaAccepts() throws Exception {
    placeCall("+14155550100", "POST");

    await().until(() -> simulator.calls().get(0).finished());
    assertThat(worker.callbacks()).hasSize(3);
    for (CallbackReceiver.Callback callback : worker.callbacks()) {
      assertThat(callback.headers())
          .containsKeys(
              "x-plivo-signature-v3", "x-plivo-signature-v3-nonce", "x-plivo-signature-ma-v3");
      assertThat(callback.headers().get("x-plivo-signature-ma-v3")).isEqualTo(callback.signature());
      assertThat(validSignature(callback, callback.url())).as(callback.path()).isTrue();
    }
    assertThat(worker.callbacks())
        .extracting(CallbackReceiver.Callback::nonce)
        .doesNotHaveDuplicates();
  }

  @Test
  void getCallbacksCarryParamsInTheQueryAndAValidGetSignature() throws Exception {
    String answerUrl = worker.url("/plivo/answer?campaign=c1");
    placeCall("+14155550100", "GET", answerUrl);

    await().until(() -> simulator.calls().get(0).finished());
    CallbackReceiver.Callback answer = worker.callbacksTo("/plivo/answer").get(0);
    assertThat(answer.method()).isEqualTo("GET");
    assertThat(answer.params()).containsEntry("campaign", "c1").containsEntry("Event", "StartApp");
    Map<String, String> callbackParams = new java.util.HashMap<>(answer.params());
    callbackParams.remove("campaign");
    assertThat(
            Utils.validateSignatureV3(
                answerUrl,
                answer.nonce(),
                answer.signature(),
                simulator.authToken(),
                "GET",
                callbackParams))
        .isTrue();
    assertThat(validSignature(answer, answer.url())).isTrue();
    assertThat(worker.callbacksTo("/plivo/hangup").get(0).method()).isEqualTo("GET");
  }

  @ParameterizedTest
  @EnumSource(
      value = CallOutcome.class,
      names = {"BUSY", "NO_ANSWER", "FAILED"})
  void callsThatAreNotAnsweredOnlyGetAHangupWithPlivosCause(CallOutcome outcome) throws Exception {
    simulator.forceOutcome("+14155550199", outcome);

    placeCall("+14155550199", "POST");

    await().until(() -> simulator.calls().get(0).finished());
    assertThat(worker.callbacksTo("/plivo/answer")).isEmpty();
    CallbackReceiver.Callback hangup = worker.callbacksTo("/plivo/hangup").get(0);
    assertThat(hangup.params())
        .containsEntry("CallStatus", outcome.callStatus())
        .containsEntry("HangupCause", outcome.hangupCause())
        .containsEntry("Duration", "0")
        .containsEntry("BillDuration", "0")
        .containsEntry("AnswerTime", "")
        .containsEntry("Event", "Hangup");
    assertThat(validSignature(hangup, hangup.url())).isTrue();
    SimulatedCall call = simulator.calls().get(0);
    assertThat(call.outcome()).isEqualTo(outcome);
    assertThat(call.callStatus()).isEqualTo(outcome.callStatus());
    assertThat(call.answerStatus()).isNull();
  }

  @Test
  void failedCallsDoNotRing() throws Exception {
    simulator.forceOutcome("+14155550199", CallOutcome.FAILED);

    placeCall("+14155550199", "POST");

    await().until(() -> simulator.calls().get(0).finished());
    assertThat(worker.callbacks())
        .extracting(CallbackReceiver.Callback::path)
        .containsExactly("/plivo/hangup");
    assertThat(worker.callbacksTo("/plivo/hangup").get(0).params())
        .containsEntry("HangupCause", "UNALLOCATED_NUMBER");
  }

  @Test
  void forcedOutcomeAppliesToThatNumberOnlyWithOrWithoutPlus() throws Exception {
    simulator.forceOutcome("14155550199", CallOutcome.BUSY);

    placeCall("+14155550199", "POST");
    placeCall("+14155550100", "POST");

    assertThat(simulator.callsTo("+14155550199"))
        .singleElement()
        .extracting(SimulatedCall::outcome)
        .isEqualTo(CallOutcome.BUSY);
    assertThat(simulator.callsTo("14155550100"))
        .singleElement()
        .extracting(SimulatedCall::outcome)
        .isEqualTo(CallOutcome.ANSWERED);
  }

  @Test
  void failingHangupCallbackIsRetriedAndTheFailureRecorded() throws Exception {
    worker.respond("/plivo/hangup", 503);

    placeCall("+14155550100", "POST");

    await().until(() -> simulator.calls().get(0).finished());
    SimulatedCall call = simulator.calls().get(0);
    assertThat(call.hangupAttempts()).isEqualTo(3);
    assertThat(call.hangupStatus()).isEqualTo(503);
    assertThat(call.hangupDelivered()).isFalse();
    assertThat(call.lastError()).isEqualTo("HTTP 503");
    assertThat(worker.callbacksTo("/plivo/hangup")).hasSize(3);
    assertThat(worker.callbacksTo("/plivo/hangup"))
        .extracting(CallbackReceiver.Callback::nonce)
        .doesNotHaveDuplicates();
  }

  @Test
  void hangupRetryStopsAtTheFirstSuccess() throws Exception {
    simulator.close();
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ZERO)
                .withCallDuration(Duration.ZERO)
                .withHangupRetries(2, Duration.ofMillis(500)));
    worker.respond("/plivo/hangup", 500);
    placeCall("+14155550100", "POST");
    await()
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> !simulator.calls().isEmpty() && simulator.calls().get(0).hangupAttempts() == 1);

    worker.respond("/plivo/hangup", 204);

    await().until(() -> simulator.calls().get(0).finished());
    assertThat(simulator.calls().get(0).hangupDelivered()).isTrue();
    assertThat(simulator.calls().get(0).hangupAttempts()).isEqualTo(2);
    assertThat(worker.callbacksTo("/plivo/hangup")).hasSize(2);
  }

  @Test
  void unreachableCallbackUrlIsRecordedAndTheSimulatorKeepsWorking() throws Exception {
    String deadUrl;
    try (CallbackReceiver gone = CallbackReceiver.start()) {
      deadUrl = gone.url("/answer");
    }

    placeCall("+14155550100", "POST", deadUrl);

    await().until(() -> simulator.calls().get(0).finished());
    SimulatedCall call = simulator.calls().get(0);
    assertThat(call.answerStatus()).isEqualTo(-1);
    assertThat(call.lastError()).isNotBlank();
    assertThat(call.hangupDelivered()).isTrue();

    placeCall("+14155550101", "POST");
    await().until(() -> simulator.callsTo("+14155550101").get(0).finished());
    assertThat(simulator.callsTo("+14155550101").get(0).answerStatus()).isEqualTo(200);
  }

  @Test
  void answeredCallReportsTheConfiguredDurationInWholeSecondsRoundedUp() throws Exception {
    simulator.close();
    simulator =
        PlivoSimulator.start(
            SimulatorConfig.defaults()
                .withRingDelay(Duration.ZERO)
                .withCallDuration(Duration.ofMillis(1500)));

    placeCall("+14155550100", "POST");

    await().until(() -> !simulator.calls().isEmpty() && simulator.calls().get(0).finished());
    Map<String, String> hangup = worker.callbacksTo("/plivo/hangup").get(0).params();
    assertThat(hangup).containsEntry("Duration", "2").containsEntry("BillDuration", "60");
    assertThat(hangup.get("StartTime")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
  }
}
