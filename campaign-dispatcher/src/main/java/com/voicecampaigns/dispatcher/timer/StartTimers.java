package com.voicecampaigns.dispatcher.timer;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * At most one timer per campaign, in this process only. Arming again at another instant replaces
 * the timer (a reschedule); arming at the same instant keeps it (every tick re-arms what is
 * upcoming). Timers are an optimisation: what one misses (a full table, a restart) the next tick
 * finds in MongoDB.
 */
@Component
public class StartTimers {

  /** Qualifies the {@link TaskScheduler} that runs the timers (a test replaces it). */
  public static final String SCHEDULER = "startTimerScheduler";

  private static final Logger log = LoggerFactory.getLogger(StartTimers.class);

  private final TaskScheduler scheduler;
  private final int capacity;
  private final Map<String, Armed> armed = new ConcurrentHashMap<>();

  StartTimers(@Qualifier(SCHEDULER) TaskScheduler scheduler, DispatcherProperties properties) {
    this.scheduler = scheduler;
    this.capacity = properties.maxTimers();
  }

  /** Runs {@code action} at {@code at}; answers false when the table is full. */
  public boolean arm(String campaignId, Instant at, Runnable action) {
    Armed result =
        armed.compute(
            campaignId,
            (id, existing) -> {
              if (existing != null && existing.at().equals(at)) {
                return existing;
              }
              if (existing != null) {
                existing.future().cancel(false);
              } else if (armed.size() >= capacity) {
                return null;
              }
              Armed timer = new Armed(at, new TimerTask(id, action));
              timer.task().self = timer;
              timer.future = scheduler.schedule(timer.task(), at);
              return timer;
            });
    return result != null;
  }

  /** Cancels the campaign's timer, if any. */
  public void disarm(String campaignId) {
    Armed timer = armed.remove(campaignId);
    if (timer != null) {
      timer.future().cancel(false);
    }
  }

  /** When the campaign's timer fires, if one is armed. */
  public Optional<Instant> armedAt(String campaignId) {
    return Optional.ofNullable(armed.get(campaignId)).map(Armed::at);
  }

  public int size() {
    return armed.size();
  }

  private static final class Armed {
    private final Instant at;
    private final TimerTask task;
    private volatile ScheduledFuture<?> future;

    Armed(Instant at, TimerTask task) {
      this.at = at;
      this.task = task;
    }

    Instant at() {
      return at;
    }

    TimerTask task() {
      return task;
    }

    ScheduledFuture<?> future() {
      return future;
    }
  }

  private final class TimerTask implements Runnable {
    private final String campaignId;
    private final Runnable action;
    private volatile Armed self;

    TimerTask(String campaignId, Runnable action) {
      this.campaignId = campaignId;
      this.action = action;
    }

    @Override
    public void run() {
      armed.remove(campaignId, self);
      try {
        action.run();
      } catch (RuntimeException e) {
        log.warn(
            "timer for campaign {} failed; the next tick retries: {}", campaignId, e.toString());
      }
    }
  }
}
