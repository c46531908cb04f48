package com.voicecampaigns.worker;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Registered explicitly as an extra source of a worker started by a test (no stereotype annotation,
 * so component scanning never picks it up): every worker of the test JVM reads {@link #CLOCK}.
 */
public class TestClockConfig {

  public static final TestClock CLOCK = new TestClock();

  @Bean
  @Primary
  Clock testClock() {
    return CLOCK;
  }
}
