package com.voicecampaigns.dispatcher.tick;

import com.voicecampaigns.dispatcher.CoalescingTask;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs dispatch passes one at a time on a thread of their own, so a long pass neither holds a
 * subscriber thread (which {@code CampaignScheduled} needs) nor overlaps another pass of this
 * process. Ticks that arrive during a pass collapse into one more pass after it.
 */
@Component
class DispatchPasses implements DisposableBean {

  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "dispatch-pass");
            thread.setDaemon(true);
            return thread;
          });
  private final CoalescingTask passes;

  DispatchPasses(DispatchPass pass) {
    this.passes = new CoalescingTask("dispatch pass", pass::run, runner);
  }

  /** Asks for a pass; returns at once. */
  void request() {
    passes.request();
  }

  @Override
  public void destroy() throws InterruptedException {
    runner.shutdownNow();
    runner.awaitTermination(5, TimeUnit.SECONDS);
  }
}
