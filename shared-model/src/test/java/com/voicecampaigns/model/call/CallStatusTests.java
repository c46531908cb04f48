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
  void aConnectedCallThatReachedAMachineEndsMachineOtherOutcomesStay() {
    assertThat(CallStatus.fromPlivoHangup("completed", true)).isEqualTo(CallStatus.MACHINE);
    assertThat(CallStatus.fromPlivoHangup("completed", false)).isEqualTo(CallStatus.COMPLETED);
    assertThat(CallStatus.fromPlivoHangup("busy", true)).isEqualTo(CallStatus.BUSY);
    assertThat(CallStatus.fromWire("machine")).isEqualTo(CallStatus.MACHINE);
    assertThat(CallStatus.isHangupOutcome(CallStatus.MACHINE)).isTrue();
  }

  @Test
  void aSuppressedAttemptWasNeverSentAndStaysSuppressed() {
    assertThat(CallStatus.sourcesOf(CallStatus.SUPPRESSED))
        .containsExactlyInAnyOrder(CallStatus.PENDING, CallStatus.DIALING);
    assertThat(CallStatus.SUPPRESSED.isTerminal()).isTrue();
    assertThat(CallStatus.isHangupOutcome(CallStatus.SUPPRESSED)).isFalse();
    assertThat(CallStatus.RINGING.canMoveTo(CallStatus.SUPPRESSED)).isFalse();
    for (CallStatus target : CallStatus.values()) {
      assertThat(CallStatus.SUPPRESSED.canMoveTo(target)).isFalse();
      assertThat(CallStatus.MACHINE.canMoveTo(target)).isFalse();
    }
  }

  @Test
  void aPendingAttemptExpiresWhenItsCampaignsEndTimePasses() {
    assertThat(CallStatus.sourcesOf(CallStatus.EXPIRED))
        .containsExactlyInAnyOrder(
            CallStatus.PENDING, CallStatus.DIALING, CallStatus.RINGING, CallStatus.IN_PROGRESS);
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
  void aPendingAttemptIsClaimedCancelledSuppressedOrExpiredAndNothingElse() {
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.DIALING)).isTrue();
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.CANCELLED)).isTrue();
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.SUPPRESSED)).isTrue();
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.EXPIRED)).isTrue();
    assertThat(CallStatus.PENDING.canMoveTo(CallStatus.MACHINE)).isFalse();
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
            CallStatus.CANCELLED,
            CallStatus.SUPPRESSED,
            CallStatus.MACHINE)) {
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
