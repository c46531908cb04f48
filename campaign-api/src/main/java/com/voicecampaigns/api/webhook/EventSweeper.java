package com.voicecampaigns.api.webhook;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.webhook.Watermark;
import com.voicecampaigns.store.webhook.WebhookSources;
import com.voicecampaigns.store.webhook.WebhookSources.Batch;
import com.voicecampaigns.store.webhook.WebhookSources.Stream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Finds the changes of campaigns and calls and records their events ({@link WebhookEvents}): each
 * stream ({@link Stream}) is read past its watermark in (time, id) order, and the watermark moves
 * only after the events of what was read are recorded, so a process that dies mid-sweep reads the
 * same documents again after its restart (recording is idempotent) and no change is skipped.
 *
 * <p>Times are written by other services' clocks, and a write stamped at {@code t} may commit a
 * little after {@code t}. Two passes read each stream: a fast one up to {@code sweep-lag} behind
 * this clock, and a second one {@code gap-lag} behind, which finds any change that was not there
 * yet when the fast pass went by. {@code unknown} calls have no time to follow: they are found by a
 * mark the sweep sets once their event is recorded.
 */
@Component
class EventSweeper implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(EventSweeper.class);
  private static final int MAX_BATCHES_PER_SWEEP = 20;

  private final WebhookSources sources;
  private final WebhookEvents events;
  private final WebhookProperties properties;
  private final Clock clock;

  EventSweeper(
      WebhookSources sources, WebhookEvents events, WebhookProperties properties, Clock clock) {
    this.sources = sources;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(this::scheduled, properties.pollInterval());
  }

  void scheduled() {
    if (!properties.enabled()) {
      return;
    }
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn(
          "webhook sweep failed; the next one resumes at the same watermarks: {}", e.toString());
    }
  }

  /** One sweep of every stream, both passes, and the unknown calls. */
  void sweep() {
    Instant now = clock.instant();
    Instant firstStart = now.minus(properties.gapLag());
    WebhookEvents.Pass pass = events.pass();
    for (var lag : Lag.values()) {
      Instant until = now.minus(lag == Lag.FAST ? properties.sweepLag() : properties.gapLag());
      int limit = properties.batchSize();
      sweep(
          lag.watermark(Stream.CAMPAIGNS),
          until,
          firstStart,
          from -> sources.campaigns(from, until, limit),
          campaign -> events.campaign(pass, campaign));
      sweep(
          lag.watermark(Stream.CALLS_ANSWERED),
          until,
          firstStart,
          from -> sources.calls(Stream.CALLS_ANSWERED, from, until, limit),
          call -> events.callAnswered(pass, call));
      sweep(
          lag.watermark(Stream.CALLS_ENDED),
          until,
          firstStart,
          from -> sources.calls(Stream.CALLS_ENDED, from, until, limit),
          call -> events.callEnded(pass, call));
    }
    for (CallAttemptDocument call : sources.unreportedUnknown(properties.batchSize())) {
      events.callUnknown(pass, call);
      sources.unknownReported(call.id());
    }
  }

  /** Reads one stream past its watermark, records what it finds, and moves the watermark. */
  private <T> void sweep(
      String name,
      Instant until,
      Instant firstStart,
      Function<Watermark, Batch<T>> read,
      Consumer<T> record) {
    Watermark from = sources.watermark(name).orElse(Watermark.before(firstStart));
    for (int i = 0; i < MAX_BATCHES_PER_SWEEP; i++) {
      Batch<T> batch = read.apply(from);
      batch.items().forEach(record);
      if (!batch.full()) {
        if (!until.isBefore(from.at())) {
          sources.advance(name, Watermark.before(until));
        }
        return;
      }
      from = batch.last();
      sources.advance(name, from);
    }
  }

  /** The two passes, and the name of each stream's watermark in them. */
  enum Lag {
    FAST,
    GAP;

    String watermark(Stream stream) {
      return stream.name().toLowerCase(Locale.ROOT) + "." + name().toLowerCase(Locale.ROOT);
    }
  }
}
