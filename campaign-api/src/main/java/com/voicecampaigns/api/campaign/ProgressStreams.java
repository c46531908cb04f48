package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignReads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The progress streams ({@code GET /api/v1/campaigns/{id}/events}) this instance holds open, and
 * the one thread that feeds them all: every poll interval it reads every watched campaign in one
 * query and sends each stream whose campaign changed the campaign as {@code GET
 * /api/v1/campaigns/{id}} answers it (progress from the campaign's own counters, so a poll costs
 * one read per campaign, not per call); every heartbeat interval each stream gets a comment line. A
 * stream holds no thread (Servlet async), and at most {@code api.progress-streams.max-streams} are
 * open at once. A finished campaign's streams get a last {@code progress} event, then an {@code
 * end} event, and close.
 */
@Component
class ProgressStreams implements DisposableBean {

  static final String PROGRESS = "progress";
  static final String END = "end";
  private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);

  private final CampaignReads reads;
  private final CampaignProgress progress;
  private final JsonMapper json;
  private final ApiProperties.ProgressStreams settings;
  private final AtomicInteger open = new AtomicInteger();

  /** Polls begun; a stream is fed by the polls that began after its first event was read. */
  private final AtomicLong rounds = new AtomicLong();

  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller;
  private final Counter refused;

  ProgressStreams(
      CampaignReads reads,
      CampaignProgress progress,
      JsonMapper json,
      ApiProperties properties,
      MeterRegistry meters) {
    this.reads = reads;
    this.progress = progress;
    this.json = json;
    this.settings = properties.progressStreams();
    Gauge.builder("api.progress.streams", open::get)
        .description("Progress streams (Server-Sent Events) open on this instance")
        .register(meters);
    this.refused =
        Counter.builder("api.progress.streams.refused")
            .description("Progress streams refused because the instance held as many as it may")
            .register(meters);
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "progress-streams");
              thread.setDaemon(true);
              return thread;
            });
    long poll = settings.pollInterval().toMillis();
    long heartbeat = settings.heartbeatInterval().toMillis();
    poller.scheduleWithFixedDelay(guarded(this::poll), poll, poll, TimeUnit.MILLISECONDS);
    poller.scheduleWithFixedDelay(
        guarded(this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
  }

  int openStreams() {
    return open.get();
  }

  /**
   * A stream of {@code campaign} (the caller may see it), which has already been sent the campaign
   * as it is now; empty when this instance holds as many streams as it may.
   */
  Optional<SseEmitter> open(CampaignDocument campaign) {
    long totalContacts = progress.totalContacts(campaign);
    String first = payload(campaign, totalContacts);
    long since = rounds.get();
    if (open.incrementAndGet() > settings.maxStreams()) {
      open.decrementAndGet();
      refused.increment();
      return Optional.empty();
    }
    var stream =
        new Stream(campaign.id(), new SseEmitter(settings.maxDuration().toMillis()), since);
    stream.emitter.onCompletion(() -> release(stream));
    stream.emitter.onTimeout(stream.emitter::complete);
    stream.emitter.onError(error -> release(stream));
    stream.offer(first);
    if (campaign.status().isFinished()) {
      stream.end();
    } else {
      watched.compute(
          campaign.id(),
          (id, w) -> {
            Watched campaignStreams = w == null ? new Watched(totalContacts) : w;
            campaignStreams.streams.add(stream);
            return campaignStreams;
          });
      if (stream.released.get()) {
        forget(stream); // it went away before it was watched
      }
    }
    return Optional.of(stream.emitter);
  }

  private void poll() {
    if (watched.isEmpty()) {
      return;
    }
    long round = rounds.incrementAndGet();
    Set<String> ids = Set.copyOf(watched.keySet());
    Map<String, CampaignDocument> campaigns = reads.findAll(ids);
    for (String id : ids) {
      Watched campaignStreams = watched.get(id);
      if (campaignStreams == null) {
        continue;
      }
      CampaignDocument campaign = campaigns.get(id);
      String payload = campaign == null ? null : payload(campaign, campaignStreams.totalContacts);
      for (Stream stream : campaignStreams.streams) {
        if (stream.since >= round) {
          continue; // opened after this read began: its first event may be newer
        }
        if (campaign == null) {
          stream.end(); // deleted
        } else {
          stream.offer(payload);
          if (campaign.status().isFinished()) {
            stream.end();
          }
        }
      }
    }
  }

  private void heartbeat() {
    watched.values().forEach(w -> w.streams.forEach(Stream::heartbeat));
  }

  private String payload(CampaignDocument campaign, long totalContacts) {
    return json.writeValueAsString(CampaignView.of(campaign, progress.of(campaign, totalContacts)));
  }

  private void release(Stream stream) {
    if (!stream.released.compareAndSet(false, true)) {
      return;
    }
    open.decrementAndGet();
    forget(stream);
  }

  private void forget(Stream stream) {
    watched.computeIfPresent(
        stream.campaignId,
        (id, w) -> {
          w.streams.remove(stream);
          return w.streams.isEmpty() ? null : w;
        });
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) { // the next round tries again
        log.warn("progress streams: {}", e.toString());
      }
    };
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
    watched.values().forEach(w -> w.streams.forEach(s -> s.emitter.complete()));
  }

  /** The streams of one campaign, and its list's size (read once: a ready list does not grow). */
  private record Watched(long totalContacts, Set<Stream> streams) {
    Watched(long totalContacts) {
      this(totalContacts, ConcurrentHashMap.newKeySet());
    }
  }

  /** One client's stream, with what it was sent last, so it is sent each change once. */
  private final class Stream {
    final String campaignId;
    final SseEmitter emitter;
    final AtomicBoolean released = new AtomicBoolean();
    final long since;
    private String sent;

    Stream(String campaignId, SseEmitter emitter, long since) {
      this.campaignId = campaignId;
      this.emitter = emitter;
      this.since = since;
    }

    synchronized void offer(String payload) {
      if (!payload.equals(sent) && send(SseEmitter.event().name(PROGRESS).data(payload))) {
        sent = payload;
      }
    }

    void heartbeat() {
      send(SseEmitter.event().comment("heartbeat"));
    }

    void end() {
      if (send(SseEmitter.event().name(END).data("{}"))) {
        emitter.complete();
      }
      release(this);
    }

    private boolean send(SseEmitter.SseEventBuilder event) { // false: the client went away
      if (released.get()) {
        return false;
      }
      try {
        emitter.send(event);
        return true;
      } catch (IOException | IllegalStateException gone) {
        release(this);
        return false;
      }
    }
  }
}
