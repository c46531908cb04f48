package com.voicecampaigns.worker.config;

import com.voicecampaigns.model.WireValueConverters;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

@Configuration(proxyBeanMethods = false)
class InfrastructureConfig {

  /** Every decision about time reads this clock; tests replace it with a {@code @Primary} one. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  MongoCustomConversions mongoCustomConversions() {
    return new MongoCustomConversions(WireValueConverters.all());
  }
}
