package com.voicecampaigns.api.config;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.store.idempotency.IdempotencyKeyRetention;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InfrastructureConfig {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** The API owns the idempotency keys: only it creates their TTL index, with its retention. */
  @Bean
  IdempotencyKeyRetention idempotencyKeyRetention(ApiProperties properties) {
    return new IdempotencyKeyRetention(properties.campaigns().idempotencyKeyRetention());
  }
}
