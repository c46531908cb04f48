package com.voicecampaigns.dispatcher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's meters, under the names agreed across modules (the dashboards and alerts use
 * their Prometheus spelling, {@code dispatcher_*}).
 */
@Component
public class DispatcherMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<StartTrigger, Counter> started = new EnumMap<>(StartTrigger.class);
  private final Map<String, Counter> recovered = new ConcurrentHashMap<>();
  private final Counter publishFailures;
  private final Counter published;
  private final Counter givenBack;
  private final Counter ticks;
  private final Timer startLag;
  private final Timer claimBatch;
  private final Timer pass;
  private final AtomicLong dueBacklog = new AtomicLong();
  private final AtomicReference<Instant> lastTick;

  DispatcherMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    for (StartTrigger trigger : StartTrigger.values()) {
      started.put(
          trigger,
          Counter.builder("dispatcher.campaigns.started")
              .description("Campaigns claimed for the first time (scheduled to running)")
              .tag("trigger", trigger.tag())
              .register(registry));
    }
    publishFailures =
        Counter.builder("dispatcher.start.publish.failures")
            .description("CampaignStart publications the broker refused or did not confirm")
            .register(registry);
    published =
        Counter.builder("dispatcher.start.published")
            .description("CampaignStart events the broker confirmed")
            .register(registry);
    givenBack =
        Counter.builder("dispatcher.start.given.back")
            .description(
                "Claims given back after every publication of their start failed; the next pass"
                    + " re-dispatches them")
            .register(registry);
    ticks =
        Counter.builder("dispatcher.ticks")
            .description("Scheduler ticks received")
            .register(registry);
    startLag =
        Timer.builder("dispatcher.start.lag")
            .description("startedAt - scheduledTime of each first claim")
            .publishPercentileHistogram()
            .publishPercentiles(0.5, 0.99)
            .serviceLevelObjectives(
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofMinutes(1))
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    claimBatch =
        Timer.builder("dispatcher.claim.batch")
            .description(
                "Time to claim one batch of due campaigns (one conditional update, one read)")
            .register(registry);
    pass =
        Timer.builder("dispatcher.pass")
            .description("Duration of each dispatch pass (recovery, claims and their publication)")
            .register(registry);
    Gauge.builder("dispatcher.due.backlog", dueBacklog, AtomicLong::get)
        .description("Scheduled campaigns already due, counted at the end of each dispatch pass")
        .register(registry);
    // before the first tick the age counts from startup, so a missing scheduler still alerts
    lastTick = new AtomicReference<>(clock.instant());
    Gauge.builder("dispatcher.tick.age", this, DispatcherMetrics::secondsSinceLastTick)
        .description("Seconds since the last tick (since startup before the first one)")
        .baseUnit("seconds")
        .register(registry);
  }

  public void started(StartTrigger trigger, Duration lag) {
    started.get(trigger).increment();
    startLag.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** Registers the recovered counter for {@code reason} at zero, so dashboards see it at once. */
  public void declareRecoveryReason(String reason) {
    recoveredCounter(reason);
  }

  public void recovered(String reason) {
    recoveredCounter(reason).increment();
  }

  private Counter recoveredCounter(String reason) {
    return recovered.computeIfAbsent(
        reason,
        r ->
            Counter.builder("dispatcher.campaigns.recovered")
                .description("Running campaigns without a live lease given a new dispatch")
                .tag("reason", r)
                .register(registry));
  }

  public void publishFailed() {
    publishFailures.increment();
  }

  public void published() {
    published.increment();
  }

  public void startGivenBack() {
    givenBack.increment();
  }

  public Timer pass() {
    return pass;
  }

  public Timer claimBatch() {
    return claimBatch;
  }

  public void tickReceived() {
    ticks.increment();
    lastTick.set(clock.instant());
  }

  public void dueBacklog(long count) {
    dueBacklog.set(count);
  }

  private double secondsSinceLastTick() {
    return Duration.between(lastTick.get(), clock.instant()).toMillis() / 1000.0;
  }
}
