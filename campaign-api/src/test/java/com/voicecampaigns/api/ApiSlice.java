package com.voicecampaigns.api;

import com.voicecampaigns.api.security.SliceTokenValidation;
import com.voicecampaigns.api.web.ErrorResponses;
import com.voicecampaigns.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * What a {@code @WebMvcTest} slice of the API needs besides its controller: the real security chain
 * (HS256 tokens from {@link Tokens}), the problem-detail handlers, the body limits, a clock, and a
 * meter registry for the filters that count (the upload slots). The services behind the controller
 * are {@code @MockitoBean}s of each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({ErrorResponses.class, SliceTokenValidation.class, ApiSlice.Infrastructure.class})
@TestPropertySource(properties = "api.security.hmac-secret=" + Tokens.SECRET)
public @interface ApiSlice {

  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ApiProperties.class)
  class Infrastructure {
    @Bean
    MutableClock clock() {
      return new MutableClock();
    }

    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
