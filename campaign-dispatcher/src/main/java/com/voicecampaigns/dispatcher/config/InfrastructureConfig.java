package com.voicecampaigns.dispatcher.config;

import com.voicecampaigns.dispatcher.timer.StartTimers;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

@Configuration(proxyBeanMethods = false)
class InfrastructureConfig {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
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
