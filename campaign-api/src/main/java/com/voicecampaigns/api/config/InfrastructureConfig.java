package com.voicecampaigns.api.config;

import com.voicecampaigns.model.WireValueConverters;
import com.voicecampaigns.model.mongo.MongoTimeouts;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

@Configuration(proxyBeanMethods = false)
class InfrastructureConfig {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * The driver's connect, socket and server-selection timeouts ({@code MONGODB_CONNECT_TIMEOUT},
   * {@code MONGODB_SOCKET_TIMEOUT}, {@code MONGODB_SERVER_SELECTION_TIMEOUT}; defaults in {@code
   * application.yml}), so no thread waits for MongoDB forever.
   */
  @Bean
  MongoClientSettingsBuilderCustomizer mongoTimeouts(
      Environment environment, MongoConnectionDetails connection) {
    MongoTimeouts timeouts =
        Binder.get(environment)
            .bind("mongodb", MongoTimeouts.class)
            .orElseThrow(() -> new IllegalStateException("mongodb.* timeouts are not configured"));
    return settings -> timeouts.applyTo(settings, connection.getConnectionString());
  }

  @Bean
  MongoCustomConversions mongoCustomConversions() {
    return new MongoCustomConversions(WireValueConverters.all());
  }
}
