package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The Make-Call requests this worker has outstanding, over all its campaigns: at most {@code
 * worker.pacing.max-requests-in-flight}, each on a thread of its own while Plivo answers, so a
 * campaign's rate does not depend on Plivo's latency. A session reserves a place before it claims
 * an attempt, so it never claims one it cannot send.
 */
@Component
class RequestsInFlight {

  private static final Duration POLL = Duration.ofMillis(50);

  private final Semaphore places;
  private final ThreadPoolExecutor threads;

  RequestsInFlight(WorkerProperties properties, WorkerMetrics metrics) {
    int max = properties.pacing().maxRequestsInFlight();
    this.places = new Semaphore(max);
    AtomicInteger count = new AtomicInteger();
    // unbounded: the places bound the requests, and a thread that just gave its place back may
    // not be idle yet when the next request comes
    this.threads =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> new Thread(runnable, "make-call-" + count.incrementAndGet()));
    metrics.gauge(
        "worker.requests.in-flight",
        "Make-Call requests this worker has outstanding",
        threads::getActiveCount);
  }

  /** Waits for a place; false when the session stopped first. */
  boolean reserve(SessionLease session) {
    while (!session.stopped()) {
      try {
        if (places.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
          return true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** Gives back a place that was not used. */
  void release() {
    places.release();
  }

  /** Runs the request on a place reserved before; the place is free again once it returns. */
  void send(Runnable request) {
    threads.execute(
        () -> {
          try {
            request.run();
          } finally {
            places.release();
          }
        });
  }

  @PreDestroy
  void shutdown() {
    threads.shutdown();
  }
}
