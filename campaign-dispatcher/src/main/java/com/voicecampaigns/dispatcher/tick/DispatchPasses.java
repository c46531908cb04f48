package com.voicecampaigns.dispatcher.tick;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs dispatch passes one at a time on a thread of their own, so a long pass neither holds a
 * subscriber thread (which {@code CampaignScheduled} needs) nor overlaps another pass of this
 * process. Ticks that arrive during a pass collapse into one more pass after it: a duplicate tick
 * costs at most one cheap pass.
 */
@Component
class DispatchPasses implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DispatchPasses.class);

  private final DispatchPass pass;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "dispatch-pass");
            thread.setDaemon(true);
            return thread;
          });

  DispatchPasses(DispatchPass pass) {
    this.pass = pass;
  }

  /** Asks for a pass; returns at once. */
  void request() {
    if (requested.compareAndSet(false, true)) {
      runner.execute(this::runRequested);
    }
  }

  private void runRequested() {
    requested.set(false);
    try {
      pass.run();
    } catch (RuntimeException e) {
      log.error("dispatch pass failed; the next tick retries", e);
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    runner.shutdownNow();
    runner.awaitTermination(5, TimeUnit.SECONDS);
  }
}
