package com.voicecampaigns.dispatcher.claim;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Starts due campaigns: claims each with one conditional update, then publishes its {@code
 * CampaignStart}. A pass works in batches of {@code dispatcher.batch-size}; the claims and
 * publications of one batch run {@code dispatcher.start-concurrency} at a time, because each is a
 * network round trip and the publication waits for the broker's acknowledgement.
 */
@Service
public class DueCampaignDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DueCampaignDispatcher.class);

  private final DueCampaignClaimer claimer;
  private final CampaignStartPublisher publisher;
  private final DispatcherMetrics metrics;
  private final DispatcherProperties properties;
  private final Clock clock;
  private final ExecutorService starters;

  DueCampaignDispatcher(
      DueCampaignClaimer claimer,
      CampaignStartPublisher publisher,
      DispatcherMetrics metrics,
      DispatcherProperties properties,
      Clock clock) {
    this.claimer = claimer;
    this.publisher = publisher;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.starters =
        Executors.newFixedThreadPool(
            properties.startConcurrency(),
            task -> {
              Thread thread = new Thread(task, "campaign-starter-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Claims due campaigns batch by batch until none is due or {@code deadline} has passed; answers
   * how many this call started.
   */
  public int dispatchDue(Instant deadline) {
    int started = 0;
    while (clock.instant().isBefore(deadline)) {
      List<Object> due = claimer.findDue(clock.instant(), properties.batchSize());
      if (due.isEmpty()) {
        break;
      }
      started += metrics.claimBatch().record(() -> startAll(due));
    }
    return started;
  }

  /**
   * Starts one campaign if it is still scheduled and due (a {@code CampaignScheduled} hint or a
   * timer); answers whether this call started it.
   */
  public boolean startIfDue(Object campaignId, StartTrigger trigger) {
    return start(campaignId, trigger);
  }

  private int startAll(List<Object> ids) {
    List<CompletableFuture<Boolean>> starts =
        ids.stream()
            .map(id -> CompletableFuture.supplyAsync(() -> start(id, StartTrigger.TICK), starters))
            .toList();
    return (int) starts.stream().filter(CompletableFuture::join).count();
  }

  private boolean start(Object id, StartTrigger trigger) {
    Optional<ClaimedCampaign> claimed = claimer.claim(id, clock.instant());
    if (claimed.isEmpty()) {
      return false; // another dispatcher, a timer or an earlier tick was first, or not due
    }
    ClaimedCampaign campaign = claimed.get();
    metrics.started(trigger, campaign.lag());
    try (var c = MDC.putCloseable("campaignId", campaign.campaignId());
        var d = MDC.putCloseable("dispatchId", campaign.dispatchId())) {
      boolean published =
          publisher.publish(campaign.campaignId(), campaign.dispatchId(), campaign.claimedAt());
      log.info(
          "campaign started by {} {} ms after its scheduled time{}",
          trigger.tag(),
          campaign.lag().toMillis(),
          published ? "" : ", its start event is pending recovery");
    }
    return true;
  }

  @Override
  public void destroy() throws InterruptedException {
    starters.shutdown();
    starters.awaitTermination(5, TimeUnit.SECONDS);
  }
}
