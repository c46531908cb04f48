package com.voicecampaigns.dispatcher.config;

import com.voicecampaigns.dispatcher.timer.StartTimers;
import com.voicecampaigns.model.WireValueConverters;
import com.voicecampaigns.model.mongo.MongoTimeouts;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

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

  /**
   * Runs the start timers and the local tick. Its own bean, because the Pub/Sub auto-configuration
   * contributes task schedulers of its own.
   */
  @Bean
  @Qualifier(StartTimers.SCHEDULER)
  ThreadPoolTaskScheduler startTimerScheduler(Clock clock) {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(2);
    scheduler.setThreadNamePrefix("start-timer-");
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setClock(clock);
    scheduler.setWaitForTasksToCompleteOnShutdown(false);
    return scheduler;
  }
}
