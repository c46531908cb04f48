package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CampaignPacerTests {

  static final Duration SKEW = Duration.ofMillis(50);
  static final Duration MAX_REQUEST = Duration.ofSeconds(25);
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void spacesRequestsEvenlyWhileAnswersAreQuick() {
    CampaignPacer pacer = new CampaignPacer(4.0, SKEW, null, MAX_REQUEST, T0);

    assertThat(pacer.nextAllowed()).isEqualTo(Instant.MIN);
    pacer.sent(T0);
    pacer.answered(T0.plusMillis(5));

    assertThat(pacer.nextAllowed()).isEqualTo(T0.plusMillis(262).plusNanos(500_000)); // 1.05s / 4
  }

  @Test
  void aRequestWaitsForASecondAfterTheAnswerToTheOneNBeforeIt() {
    CampaignPacer pacer = new CampaignPacer(2.0, SKEW, null, MAX_REQUEST, T0);
    pacer.sent(T0);
    pacer.answered(T0.plusMillis(900)); // slow: Plivo may have received it as late as this
    pacer.sent(T0.plusMillis(900));
    pacer.answered(T0.plusMillis(910));

    // a third request must not land in one second with the first two
    assertThat(pacer.nextAllowed()).isEqualTo(T0.plusMillis(900).plus(Duration.ofMillis(1050)));
  }

  @Test
  void aCampaignTakenOverRightAfterItsLastRequestWaitsOneCycle() {
    CampaignPacer recent = new CampaignPacer(2.0, SKEW, T0.minusSeconds(1), MAX_REQUEST, T0);
    CampaignPacer longAgo = new CampaignPacer(2.0, SKEW, T0.minusSeconds(60), MAX_REQUEST, T0);

    assertThat(recent.nextAllowed()).isEqualTo(T0.plusMillis(1050));
    assertThat(longAgo.nextAllowed()).isBefore(T0);
  }

  @Test
  void withoutALimitNothingWaits() {
    CampaignPacer pacer = new CampaignPacer(null, SKEW, T0, MAX_REQUEST, T0);
    pacer.sent(T0);
    pacer.answered(T0);

    assertThat(pacer.nextAllowed()).isEqualTo(Instant.MIN);
  }
}
