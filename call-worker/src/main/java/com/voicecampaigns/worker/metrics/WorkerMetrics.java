package com.voicecampaigns.worker.metrics;

import com.voicecampaigns.model.call.CallStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The worker's meters, named as agreed across modules (RULES.md, "Metric names"). */
@Component
public class WorkerMetrics {

  private final MeterRegistry registry;
  private final Counter placed;
  private final Counter answered;
  private final Counter takeovers;
  private final Counter adopted;
  private final Timer pacingWait;
  private final AtomicLong activeCalls = new AtomicLong();

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.placed =
        Counter.builder("worker.calls.placed")
            .description("Make-Call requests Plivo accepted")
            .register(registry);
    this.answered =
        Counter.builder("worker.calls.answered")
            .description("calls answered (answer callbacks that connected the bot)")
            .register(registry);
    this.takeovers =
        Counter.builder("worker.lease.takeovers")
            .description(
                "campaigns taken from a worker that stopped without letting them go (it died, or"
                    + " lost its lease)")
            .register(registry);
    this.adopted =
        Counter.builder("worker.starts.adopted")
            .description(
                "dispatches this worker took without their CampaignStart, which no worker had taken"
                    + " in time")
            .register(registry);
    this.pacingWait =
        Timer.builder("worker.pacing.wait")
            .description("time spent waiting for a calls-per-second slot")
            .register(registry);
    registry.gauge("worker.calls.active", activeCalls);
  }

  /** Registers the campaign gauges, read from the live session registry. */
  public void campaignGauges(Supplier<Number> active, Supplier<Number> capacity) {
    Gauge.builder("worker.campaigns.active", active)
        .description("campaigns this worker is dialling")
        .register(registry);
    Gauge.builder("worker.campaigns.capacity", capacity)
        .description("campaigns this worker may dial at the same time")
        .register(registry);
  }

  /** Registers a gauge read from {@code value}. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  public void placed() {
    placed.increment();
  }

  public void answered() {
    answered.increment();
  }

  public void takeover() {
    takeovers.increment();
  }

  public void adopted() {
    adopted.increment();
  }

  public void ended(CallStatus outcome) {
    registry.counter("worker.calls.ended", "outcome", outcome.wire()).increment();
  }

  /** A Make-Call try that placed no call (or whose outcome is unknown), by reason. */
  public void failed(String reason) {
    registry.counter("worker.calls.failed", "reason", reason).increment();
  }

  public void plivoRequest(String status, Duration took) {
    Timer.builder("worker.plivo.requests")
        .description("Make-Call requests to Plivo, by HTTP status or timeout")
        .tag("status", status)
        .register(registry)
        .record(took);
  }

  public void pacingWait(Duration waited) {
    pacingWait.record(waited);
  }

  /** Active calls (dialing, ringing, in progress) of the campaigns this worker runs. */
  public void activeCalls(long count) {
    activeCalls.set(count);
  }
}
