package com.voicecampaigns.api;

import com.voicecampaigns.testsupport.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The application's clock in tests: one that only moves when a test moves it. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfig {

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock();
  }
}
