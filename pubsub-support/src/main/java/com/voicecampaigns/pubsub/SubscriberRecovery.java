package com.voicecampaigns.pubsub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * Restarts the stream binding whose Pub/Sub subscriber failed for good.
 *
 * <p>The client library retries a streaming pull through transient errors (the broker away, a reset
 * stream), but a non-retryable answer, NOT_FOUND while a subscription is missing or
 * PERMISSION_DENIED while IAM changes, leaves its {@code Subscriber} FAILED. Nothing in the binder
 * notices (spring-cloud-gcp issue 4566): the binding stays "running", health stays UP, and no
 * message arrives again until the process restarts. Stopping and starting the binding makes a new
 * subscriber; one that fails again is restarted after twice the wait, from {@link #FIRST_WAIT} up
 * to {@link #LONGEST_WAIT}, and the wait starts over once a message arrives.
 */
public final class SubscriberRecovery implements DisposableBean {

  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(SubscriberRecovery.class);

  private final BindingsLifecycleController bindings;
  private final BindingServiceProperties properties;
  private final MeterRegistry meters;
  private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "subscriber-recovery");
            thread.setDaemon(true);
            return thread;
          });

  SubscriberRecovery(
      BindingsLifecycleController bindings,
      BindingServiceProperties properties,
      MeterRegistry meters) {
    this.bindings = bindings;
    this.properties = properties;
    this.meters = meters;
  }

  /** The subscriber of {@code subscription} failed for good: its binding restarts after a wait. */
  void failed(String subscription, Throwable failure) {
    Optional<String> binding = bindingOf(subscription);
    if (binding.isEmpty()) {
      log.error(
          "Pub/Sub subscriber of {} failed for good and no binding consumes it, so it stays"
              + " stopped: {}",
          subscription,
          failure.toString());
      return;
    }
    int failures = failuresInARow.merge(binding.get(), 1, Integer::sum);
    Duration wait = waitAfter(failures);
    log.warn(
        "Pub/Sub subscriber of {} (binding {}) failed for good ({} in a row): {}; restarting the"
            + " binding in {} ms",
        subscription,
        binding.get(),
        failures,
        failure.toString(),
        wait.toMillis());
    try {
      restarts.schedule(() -> restart(binding.get()), wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      log.debug("not restarting {}: shutting down", binding.get());
    }
  }

  /** A message arrived through {@code subscription}: its next failure waits the shortest again. */
  void received(String subscription) {
    if (!failuresInARow.isEmpty()) {
      bindingOf(subscription).ifPresent(failuresInARow::remove);
    }
  }

  static Duration waitAfter(int failuresInARow) {
    Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  private void restart(String binding) {
    try {
      bindings.stop(binding);
      bindings.start(binding);
      Counter.builder("pubsub.subscribers.restarted")
          .description("Bindings restarted because their Pub/Sub subscriber failed for good")
          .tag("binding", binding)
          .register(meters)
          .increment();
      log.info("binding {} restarted with a new Pub/Sub subscriber", binding);
    } catch (RuntimeException e) {
      log.warn("restarting binding {} failed: {}", binding, e.toString());
    }
  }

  /**
   * The consumer binding of {@code subscription}: the binder names a group's subscription {@code
   * <destination>.<group>}.
   */
  private Optional<String> bindingOf(String subscription) {
    String name = subscription.substring(subscription.lastIndexOf('/') + 1);
    for (Map.Entry<String, BindingProperties> binding : properties.getBindings().entrySet()) {
      BindingProperties settings = binding.getValue();
      if (settings.getGroup() != null
          && name.equals(settings.getDestination() + "." + settings.getGroup())) {
        return Optional.of(binding.getKey());
      }
    }
    return Optional.empty();
  }

  @Override
  public void destroy() {
    restarts.shutdownNow();
  }
}
