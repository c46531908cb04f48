package com.voicecampaigns.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTests {

  @Test
  void doublesFromTheInitialWaitUpToTheLongest() {
    var backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1));

    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(backoff.after(10)).isEqualTo(Duration.ofSeconds(2560));
    assertThat(backoff.after(11)).isEqualTo(Duration.ofHours(1));
    assertThat(backoff.after(1_000)).isEqualTo(Duration.ofHours(1));
  }
}
