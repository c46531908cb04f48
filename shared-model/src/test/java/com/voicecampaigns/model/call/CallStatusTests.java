package com.voicecampaigns.model.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallStatusTests {

  @Test
  void mapsPlivosHangupStatuses() {
    assertThat(CallStatus.fromPlivoHangup("completed")).isEqualTo(CallStatus.COMPLETED);
    assertThat(CallStatus.fromPlivoHangup("busy")).isEqualTo(CallStatus.BUSY);
    assertThat(CallStatus.fromPlivoHangup("no-answer")).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(CallStatus.fromPlivoHangup("timeout")).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(CallStatus.fromPlivoHangup("cancel")).isEqualTo(CallStatus.CANCELLED);
    assertThat(CallStatus.fromPlivoHangup("failed")).isEqualTo(CallStatus.FAILED);
    assertThat(CallStatus.fromPlivoHangup(null)).isEqualTo(CallStatus.FAILED);
  }

  @Test
  void activeCallsHoldASlotAndUnknownIsNeitherActiveNorTerminal() {
    assertThat(CallStatus.DIALING.isActive()).isTrue();
    assertThat(CallStatus.IN_PROGRESS.isActive()).isTrue();
    assertThat(CallStatus.COMPLETED.isActive()).isFalse();
    assertThat(CallStatus.UNKNOWN.isActive()).isFalse();
    assertThat(CallStatus.UNKNOWN.isTerminal()).isFalse();
    assertThat(CallStatus.fromWire("no-answer")).isEqualTo(CallStatus.NO_ANSWER);
  }
}
