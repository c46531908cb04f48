package com.voicecampaigns.dispatcher.claim;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import com.voicecampaigns.dispatcher.publish.CampaignStartPublisher;
import com.voicecampaigns.store.campaign.CampaignStore;
import com.voicecampaigns.store.campaign.ClaimedCampaign;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Starts due campaigns: claims them (scheduled → running, see {@link CampaignStore#claimDueBatch}),
 * then publishes a {@code CampaignStart} for each. A pass works in batches of {@code
 * dispatcher.batch-size}, one claim statement each, and claims the next batch while the broker
 * acknowledges the previous one; it waits for a batch's acknowledgements only before publishing the
 * next, so at most two batches are in memory.
 */
@Service
public class DueCampaignDispatcher {

  private static final Logger log = LoggerFactory.getLogger(DueCampaignDispatcher.class);

  private final CampaignStore campaigns;
  private final CampaignStartPublisher publisher;
  private final DispatcherMetrics metrics;
  private final DispatcherProperties properties;
  private final Clock clock;

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
  }

  /**
   * Claims due campaigns batch by batch until none is due or {@code deadline} has passed; answers
   * how many this call started, once the broker has answered for each.
   */
  public int dispatchDue(Instant deadline, StartTrigger trigger) {
    int started = 0;
    CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    while (clock.instant().isBefore(deadline)) {
      Instant now = clock.instant();
      Optional<List<ClaimedCampaign>> claimed =
          metrics.claimBatch().record(() -> campaigns.claimDueBatch(now, properties.batchSize()));
      if (claimed.isEmpty()) {
        break;
      }
      previous.join();
      previous = publishAll(claimed.get(), trigger);
      started += claimed.get().size();
    }
    previous.join();
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

  private CompletableFuture<Void> publishAll(List<ClaimedCampaign> claimed, StartTrigger trigger) {
    return CompletableFuture.allOf(
        claimed.stream()
            .map(campaign -> publish(campaign, trigger))
            .toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Boolean> publish(ClaimedCampaign campaign, StartTrigger trigger) {
    metrics.started(trigger, campaign.lag());
    return publisher
        .publish(campaign.campaignId(), campaign.dispatchId(), campaign.claimedAt())
        .whenComplete(
            (published, failure) -> {
              try (var c = MDC.putCloseable("campaignId", campaign.campaignId());
                  var d = MDC.putCloseable("dispatchId", campaign.dispatchId())) {
                log.info(
                    "campaign started by {} {} ms after its scheduled time{}",
                    trigger.tag(),
                    campaign.lag().toMillis(),
                    Boolean.TRUE.equals(published) ? "" : ", its start is given back");
              }
            });
  }
}
