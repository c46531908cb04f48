package com.voicecampaigns.dispatcher;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task that runs once per burst of requests: requests that arrive while it runs collapse into one
 * more run after it, so none is lost and none piles up. Ticks delivered twice cost one more pass at
 * most; hundreds of timers firing at the same round minute run one batch pass, not one claim each.
 * The task runs on {@code executor}: a thread of its own, or the requesting thread.
 */
public final class CoalescingTask {

  private static final Logger log = LoggerFactory.getLogger(CoalescingTask.class);

  private final String name;
  private final Runnable task;
  private final Executor executor;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();

  /**
   * @param name what the task is, for the log line of a run that failed
   * @param executor where the task runs; {@code Runnable::run} runs it on the requesting thread
   */
  public CoalescingTask(String name, Runnable task, Executor executor) {
    this.name = name;
    this.task = task;
    this.executor = executor;
  }

  /** Asks for a run: starts one unless one is running, which then runs once more. */
  public void request() {
    requested.set(true);
    if (draining.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    do {
      try {
        while (requested.getAndSet(false)) {
          runOnce();
        }
      } finally {
        draining.set(false);
      }
      // a request that came between the last run and the release above is run here
    } while (requested.get() && draining.compareAndSet(false, true));
  }

  private void runOnce() {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("{} failed; the next tick retries", name, e);
    }
  }
}
