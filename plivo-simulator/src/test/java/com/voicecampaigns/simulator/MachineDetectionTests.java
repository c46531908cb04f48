package com.voicecampaigns.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plivo.api.models.call.Call;
import com.plivo.api.util.Utils;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MachineDetectionTests {

  private static final String MACHINE = "+14155550111";
  private static final String HUMAN = "+14155550122";

  private final CallbackReceiver worker = CallbackReceiver.start();
  private PlivoSimulator simulator =
      PlivoSimulator.start(
          SimulatorConfig.defaults()
              .withRingDelay(Duration.ofMillis(20))
              .withCallDuration(Duration.ofMillis(400))
              .withMachines(
                  MachineDetection.none()
                      .withNumbers(Set.of(MACHINE))
                      .withDelay(Duration.ofMillis(100))));

  @AfterEach
  void close() {
    simulator.close();
    worker.close();
  }

  /** With plivo-java, as the worker would ask. */
  private String placeCall(String to, String detection, boolean withUrl) throws Exception {
    var creator =
        Call.creator("+14155550000", List.of(to), worker.url("/answer"))
            .hangupUrl(worker.url("/hangup"))
            .machineDetection(detection);
    if (withUrl) {
      creator.machineDetectionUrl(worker.url("/machine")).machineDetectionMethod("POST");
    }
    return creator.client(PlivoClients.pointedAt(simulator)).create().getRequestUuid();
  }

  private SimulatedCall awaitFinished(String to) {
    await()
        .until(() -> !simulator.callsTo(to).isEmpty() && simulator.callsTo(to).get(0).finished());
    return simulator.callsTo(to).get(0);
  }

  private boolean validSignature(CallbackReceiver.Callback callback) throws Exception {
    return Utils.validateSignatureV3(
        callback.url(),
        callback.nonce(),
        callback.signature(),
        simulator.authToken(),
        "POST",
        callback.params());
  }

  @Test
  void aMachineIsReportedToTheMachineDetectionUrlSignedWithPlivosParameters() throws Exception {
    String requestUuid = placeCall(MACHINE, "true", true);

    SimulatedCall call = awaitFinished(MACHINE);

    assertThat(worker.callbacks())
        .extracting(CallbackReceiver.Callback::path)
        .containsExactly("/answer", "/machine", "/hangup");
    CallbackReceiver.Callback machine = worker.callbacksTo("/machine").get(0);
    assertThat(machine.params())
        .containsOnly(
            Map.entry("From", "+14155550000"),
            Map.entry("Machine", "true"),
            Map.entry("To", MACHINE),
            Map.entry("RequestUUID", requestUuid),
            Map.entry("ALegRequestUUID", requestUuid),
            Map.entry("CallUUID", call.callUuid()),
            Map.entry("IfMachine", "continue"),
            Map.entry("Direction", "outbound"),
            Map.entry("ALegUUID", call.callUuid()),
            Map.entry("Event", "MachineDetection"),
            Map.entry("CallStatus", "in-progress"));
    assertThat(validSignature(machine)).isTrue();
    // continue: the call goes on to its normal end
    assertThat(worker.callbacksTo("/hangup").get(0).params())
        .containsEntry("CallStatus", "completed")
        .containsEntry("HangupCauseName", "Normal Hangup")
        .containsEntry("Machine", "true");
    assertThat(call.machine()).isTrue();
    assertThat(call.machineStatus()).isEqualTo(200);
  }

  @Test
  void withHangupTheCallIsHungUpOnTheMachine() throws Exception {
    simulator.close();
    simulator =
        PlivoSimulator.start(
            simulator
                .config()
                .withCallDuration(Duration.ofHours(1))
                .withMachines(0, Set.of(MACHINE)));

    placeCall(MACHINE, "hangup", true);

    SimulatedCall call = awaitFinished(MACHINE);
    assertThat(worker.callbacks())
        .extracting(CallbackReceiver.Callback::path)
        .containsExactly("/answer", "/machine", "/hangup");
    assertThat(worker.callbacksTo("/machine").get(0).param("IfMachine")).isEqualTo("hangup");
    CallbackReceiver.Callback hangup = worker.callbacksTo("/hangup").get(0);
    assertThat(hangup.params())
        .containsEntry("Machine", "true")
        .containsEntry("CallStatus", "completed")
        .containsEntry("HangupSource", "Plivo")
        .containsEntry("HangupCauseName", "Machine Detected")
        .containsEntry("Duration", "1");
    assertThat(validSignature(hangup)).isTrue();
    assertThat(call.callStatus()).isEqualTo("completed");
  }

  @Test
  void aHumanGetsNoMachineCallbackAndItsHangupSaysMachineFalse() throws Exception {
    placeCall(HUMAN, "hangup", true);

    SimulatedCall call = awaitFinished(HUMAN);

    assertThat(worker.callbacks())
        .extracting(CallbackReceiver.Callback::path)
        .containsExactly("/answer", "/hangup");
    assertThat(worker.callbacksTo("/hangup").get(0).params())
        .containsEntry("Machine", "false")
        .containsEntry("HangupCauseName", "Normal Hangup");
    assertThat(call.machine()).isFalse();
  }

  @Test
  void synchronousDetectionReportsInTheAnswerCallbackOrHangsUpWithoutOne() throws Exception {
    placeCall(MACHINE, "true", false);
    placeCall(HUMAN, "true", false);
    awaitFinished(MACHINE);
    awaitFinished(HUMAN);

    assertThat(answerTo(MACHINE).param("Machine")).isEqualTo("true");
    assertThat(answerTo(HUMAN).param("Machine")).isEqualTo("false");
    assertThat(worker.callbacksTo("/machine")).isEmpty();

    String hungUp = "+14155550133";
    simulator.machines(simulator.machines().withNumbers(Set.of(hungUp)));
    placeCall(hungUp, "hangup", false);
    awaitFinished(hungUp);
    assertThat(worker.callbacks())
        .filteredOn(callback -> hungUp.equals(callback.param("To")))
        .extracting(CallbackReceiver.Callback::path)
        .containsExactly("/hangup");
  }

  private CallbackReceiver.Callback answerTo(String to) {
    return worker.callbacksTo("/answer").stream()
        .filter(callback -> to.equals(callback.param("To")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void withoutMachineDetectionAskedNoCallIsAMachine() throws Exception {
    simulator.machines(simulator.machines().withShare(1));
    Call.creator("+14155550000", List.of(MACHINE), worker.url("/answer"))
        .hangupUrl(worker.url("/hangup"))
        .client(PlivoClients.pointedAt(simulator))
        .create();

    SimulatedCall call = awaitFinished(MACHINE);

    assertThat(call.machine()).isNull();
    assertThat(worker.callbacks())
        .extracting(CallbackReceiver.Callback::path)
        .containsExactly("/answer", "/hangup");
    assertThat(worker.callbacksTo("/hangup").get(0).params()).doesNotContainKey("Machine");
  }

  @Test
  void aShareOfAnsweredCallsAreMachinesTheSameForTheSameSeed() {
    simulator.machines(new MachineDetection(0.3, Set.of(), Duration.ofHours(1)));
    simulator.outcomes(OutcomeWeights.parse("answered=1"));
    for (int i = 0; i < 200; i++) {
      SimulatorHttp.makeCall(
          simulator,
          "+1415555" + (4000 + i),
          worker.url("/answer"),
          Map.of("machine_detection", "true", "ring_timeout", 30));
    }

    List<Boolean> machines = simulator.calls().stream().map(SimulatedCall::machine).toList();
    assertThat(machines).doesNotContainNull();
    assertThat(machines.stream().filter(Boolean::booleanValue).count()).isBetween(40L, 80L);
  }

  @Test
  void machineDetectionChangesAtRunTimeOverTheAdminApi() {
    HttpResponse<String> put =
        SimulatorHttp.admin(
            simulator,
            "PUT",
            "/__admin/machine-detection",
            "{\"share\":0.25,\"numbers\":[\"+14155550144\"],\"delayMillis\":700}");

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(simulator.machines())
        .isEqualTo(new MachineDetection(0.25, Set.of("14155550144"), Duration.ofMillis(700)));
    assertThat(SimulatorHttp.json(put).get("numbers").get(0).asString()).isEqualTo("14155550144");
    assertThat(
            SimulatorHttp.admin(simulator, "PUT", "/__admin/machine-detection", "{\"share\":1.5}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void anInvalidMachineDetectionValueIsRefusedWith400() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("machine_detection", "maybe");

    HttpResponse<String> response =
        SimulatorHttp.makeCall(simulator, HUMAN, "https://w.example/a", fields);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimulatorHttp.json(response).get("error").asString())
        .isEqualTo("machine_detection must be true or hangup");
  }
}
