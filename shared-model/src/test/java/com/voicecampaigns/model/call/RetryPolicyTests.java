package com.voicecampaigns.model.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTests {

  private static final Instant ENDED = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void byDefaultRetriesBusyAndNoAnswerTwiceTenMinutesApart() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    assertThat(policy.nextAttemptAt(1, CallStatus.BUSY, false, ENDED))
        .contains(ENDED.plus(Duration.ofMinutes(10)));
    assertThat(policy.nextAttemptAt(2, CallStatus.NO_ANSWER, false, ENDED)).isPresent();
    assertThat(policy.nextAttemptAt(3, CallStatus.NO_ANSWER, false, ENDED)).isEmpty();
    assertThat(policy.nextAttemptAt(1, CallStatus.FAILED, false, ENDED)).isEmpty();
    assertThat(policy.nextAttemptAt(1, CallStatus.COMPLETED, false, ENDED)).isEmpty();
  }

  @Test
  void retriesAMachineOnlyWhenThePolicySaysSo() {
    assertThat(RetryPolicy.DEFAULT.nextAttemptAt(1, CallStatus.MACHINE, false, ENDED)).isEmpty();
    RetryPolicy machines = new RetryPolicy(2, Set.of(CallStatus.MACHINE), Duration.ofHours(2));
    assertThat(machines.nextAttemptAt(1, CallStatus.MACHINE, false, ENDED))
        .contains(ENDED.plus(Duration.ofHours(2)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetryPolicy(2, Set.of(CallStatus.SUPPRESSED), Duration.ZERO));
  }

  @Test
  void neverRetriesAnInvalidNumber() {
    RetryPolicy policy = new RetryPolicy(5, RetryPolicy.RETRYABLE, Duration.ofMinutes(1));
    assertThat(policy.nextAttemptAt(1, CallStatus.FAILED, true, ENDED)).isEmpty();
    assertThat(policy.nextAttemptAt(1, CallStatus.FAILED, false, ENDED)).isPresent();
  }

  @Test
  void refusesWhatCannotBeRetried() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetryPolicy(3, Set.of(CallStatus.COMPLETED), Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetryPolicy(0, Set.of(), Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetryPolicy(3, Set.of(), Duration.ofSeconds(-1)));
  }

  @Test
  void parsesRetryableOutcomesAndBackoffsAsSecondsOrIsoDurations() {
    assertThat(RetryPolicy.parseOutcome(" no-answer")).isEqualTo(CallStatus.NO_ANSWER);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.parseOutcome("completed"))
        .withMessage("'completed' is not one of busy, no-answer, failed, machine");
    assertThat(RetryPolicy.parseOutcome("machine")).isEqualTo(CallStatus.MACHINE);
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.parseOutcome("suppressed"));
    assertThat(RetryPolicy.parseBackoff("600")).isEqualTo(Duration.ofMinutes(10));
    assertThat(RetryPolicy.parseBackoff("PT90S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryPolicy.parseBackoff(" ")).isEqualTo(RetryPolicy.DEFAULT.backoff());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.parseBackoff("soon"))
        .withMessageContaining("ISO 8601");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.parseBackoff("P8D"))
        .withMessage("must be between 0 and 7 days");
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.parseBackoff("PT-1M"));
  }
}
