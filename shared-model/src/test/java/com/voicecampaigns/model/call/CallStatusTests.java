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

  @Test
  void aPendingAttemptIsClaimedOrCancelledAndNothingElse() {
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.DIALING)).isTrue();
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.CANCELLED)).isTrue();
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.RINGING)).isFalse();
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.UNKNOWN)).isFalse();
  }

  @Test
  void finalOutcomesNeverChangeButUnknownAndExpiredAreReconciledByCallbacks() {
    for (CallStatus end :
        java.util.EnumSet.of(
            CallStatus.COMPLETED,
            CallStatus.BUSY,
            CallStatus.NO_ANSWER,
            CallStatus.FAILED,
            CallStatus.CANCELLED)) {
      for (CallStatus target : CallStatus.values()) {
        assertThat(end.canMoveTo(target)).as(end + " → " + target).isFalse();
      }
    }
    assertThat(CallStatus.sourcesOf(CallStatus.IN_PROGRESS))
        .containsExactlyInAnyOrder(CallStatus.DIALING, CallStatus.RINGING, CallStatus.UNKNOWN);
    assertThat(CallStatus.EXPIRED.canMoveTo(CallStatus.COMPLETED)).isTrue();
    assertThat(CallStatus.EXPIRED.canMoveTo(CallStatus.RINGING)).isFalse();
    assertThat(CallStatus.sourcesOf(CallStatus.PENDING)).containsExactly(CallStatus.DIALING);
  }
}
