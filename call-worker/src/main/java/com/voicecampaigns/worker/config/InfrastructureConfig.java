package com.voicecampaigns.worker.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InfrastructureConfig {

  /** Every decision about time reads this clock; tests replace it with a {@code @Primary} one. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
