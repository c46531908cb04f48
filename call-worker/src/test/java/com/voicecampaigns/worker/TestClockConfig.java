package com.voicecampaigns.worker;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Registered explicitly as an extra source of a worker started by a test (no stereotype annotation,
 * so component scanning never picks it up): every worker of the test JVM reads {@link #CLOCK},
 * shifted by its own {@code test.clock-offset} (none by default) when a test gives its workers
 * clocks that disagree.
 */
public class TestClockConfig {

  public static final TestClock CLOCK = new TestClock();

  @Bean
  @Primary
  Clock testClock(@Value("${test.clock-offset:0ms}") Duration offset) {
    return offset.isZero() ? CLOCK : Clock.offset(CLOCK, offset);
  }
}
