package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CampaignPacerTests {

  static final Duration ALLOWANCE = Duration.ofMillis(50);
  static final Duration MAX_REQUEST = Duration.ofSeconds(25);
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void spacesRequestsEvenlyWhateverTheirAnswersTake() {
    CampaignPacer pacer = new CampaignPacer(4.0, ALLOWANCE, null, MAX_REQUEST, T0);

    assertThat(pacer.nextAllowed()).isEqualTo(Instant.MIN);
    pacer.sent(T0);

    assertThat(pacer.nextAllowed()).isEqualTo(T0.plusMillis(262).plusNanos(500_000)); // 1.05s / 4
    assertThat(pacer.rate()).isEqualTo(4 / 1.05, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aRequestWaitsASecondAndTheAllowanceAfterTheOneNBeforeIt() {
    CampaignPacer pacer = new CampaignPacer(2.0, ALLOWANCE, null, MAX_REQUEST, T0);
    pacer.sent(T0);
    pacer.sent(T0.plusMillis(900)); // late: the first turn was held up

    // a third request must not land in one second with the first two
    assertThat(pacer.nextAllowed()).isEqualTo(T0.plusMillis(900).plusMillis(525));
    pacer.sent(T0.plusMillis(1425));
    assertThat(pacer.nextAllowed()).isEqualTo(T0.plusMillis(900).plusMillis(1050));
  }

  @Test
  void aCampaignTakenOverRightAfterItsLastRequestWaitsOneCycle() {
    CampaignPacer recent = new CampaignPacer(2.0, ALLOWANCE, T0.minusSeconds(1), MAX_REQUEST, T0);
    CampaignPacer longAgo = new CampaignPacer(2.0, ALLOWANCE, T0.minusSeconds(60), MAX_REQUEST, T0);

    assertThat(recent.nextAllowed()).isEqualTo(T0.plusMillis(1050));
    assertThat(longAgo.nextAllowed()).isBefore(T0);
  }

  @Test
  void withoutALimitNothingWaits() {
    CampaignPacer pacer = new CampaignPacer(null, ALLOWANCE, T0, MAX_REQUEST, T0);
    pacer.sent(T0);

    assertThat(pacer.nextAllowed()).isEqualTo(Instant.MIN);
    assertThat(pacer.rate()).isInfinite();
  }
}
