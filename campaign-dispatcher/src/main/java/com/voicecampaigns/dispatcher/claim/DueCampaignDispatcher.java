package com.voicecampaigns.dispatcher.claim;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import com.voicecampaigns.store.campaign.CampaignStore;
import com.voicecampaigns.store.campaign.ClaimedCampaign;
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
 * Starts due campaigns: claims them (scheduled → running, see {@link CampaignStore#claimDueBatch}),
 * then publishes a {@code CampaignStart} for each. A pass works in batches of {@code
 * dispatcher.batch-size}: one claim statement per batch, then the batch's publications {@code
 * dispatcher.start-concurrency} at a time, because each waits for the broker's acknowledgement.
 */
@Service
public class DueCampaignDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DueCampaignDispatcher.class);

  private final CampaignStore campaigns;
  private final CampaignStartPublisher publisher;
  private final DispatcherMetrics metrics;
  private final DispatcherProperties properties;
  private final Clock clock;
  private final ExecutorService starters;

  DueCampaignDispatcher(
      CampaignStore campaigns,
      CampaignStartPublisher publisher,
      DispatcherMetrics metrics,
      DispatcherProperties properties,
      Clock clock) {
    this.campaigns = campaigns;
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
  public int dispatchDue(Instant deadline, StartTrigger trigger) {
    int started = 0;
    while (clock.instant().isBefore(deadline)) {
      Instant now = clock.instant();
      Optional<List<ClaimedCampaign>> claimed =
          metrics.claimBatch().record(() -> campaigns.claimDueBatch(now, properties.batchSize()));
      if (claimed.isEmpty()) {
        break;
      }
      publishAll(claimed.get(), trigger);
      started += claimed.get().size();
    }
    return started;
  }

  /**
   * Starts one campaign if it is still scheduled and due (a {@code CampaignScheduled} hint);
   * answers whether this call started it.
   */
  public boolean startIfDue(String campaignId, StartTrigger trigger) {
    Optional<ClaimedCampaign> claimed = campaigns.claimDue(campaignId, clock.instant());
    // empty: another dispatcher, a timer or a tick was first, or it is no longer due
    claimed.ifPresent(campaign -> publish(campaign, trigger));
    return claimed.isPresent();
  }

  private void publishAll(List<ClaimedCampaign> claimed, StartTrigger trigger) {
    CompletableFuture.allOf(
            claimed.stream()
                .map(
                    campaign ->
                        CompletableFuture.runAsync(() -> publish(campaign, trigger), starters))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  private void publish(ClaimedCampaign campaign, StartTrigger trigger) {
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
  }

  @Override
  public void destroy() throws InterruptedException {
    starters.shutdown();
    starters.awaitTermination(5, TimeUnit.SECONDS);
  }
}
