package com.voicecampaigns.dispatcher.tick;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.timer.StartTimers;
import com.voicecampaigns.model.event.SchedulerTick;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Stands in for Cloud Scheduler where there is none (the local profile): publishes a tick to the
 * tick topic every {@code dispatcher.local-tick.interval}. The only place the dispatcher produces
 * ticks.
 */
@Component
@ConditionalOnProperty(name = "dispatcher.local-tick.enabled", havingValue = "true")
class LocalTickPublisher {

  static final String BINDING = "tick-out-0";

  LocalTickPublisher(
      StreamBridge streamBridge,
      @Qualifier(StartTimers.SCHEDULER) TaskScheduler scheduler,
      DispatcherProperties properties,
      Clock clock) {
    scheduler.scheduleAtFixedRate(
        () -> streamBridge.send(BINDING, new SchedulerTick("local-tick", clock.instant())),
        properties.localTick().interval());
  }
}
