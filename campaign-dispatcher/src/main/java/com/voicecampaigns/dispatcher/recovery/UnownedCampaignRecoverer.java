package com.voicecampaigns.dispatcher.recovery;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.dispatcher.publish.CampaignStartPublisher;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.CampaignStore;
import com.voicecampaigns.store.campaign.Recoverability;
import com.voicecampaigns.store.campaign.UnownedCampaign;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Hands running campaigns that nobody owns to a new dispatch ({@link CampaignStore#recover}) and
 * publishes a new {@code CampaignStart} for each. Two dispatchers cannot both recover one campaign,
 * and a worker that takes or renews its lease in the meantime wins.
 */
@Service
public class UnownedCampaignRecoverer {

  private static final Logger log = LoggerFactory.getLogger(UnownedCampaignRecoverer.class);

  private final CampaignStore campaigns;
  private final CampaignReads reads;
  private final CampaignStartPublisher publisher;
  private final DispatcherMetrics metrics;
  private final DispatcherProperties properties;
  private final Clock clock;

  UnownedCampaignRecoverer(
      CampaignStore campaigns,
      CampaignReads reads,
      CampaignStartPublisher publisher,
      DispatcherMetrics metrics,
      DispatcherProperties properties,
      Clock clock) {
    this.campaigns = campaigns;
    this.reads = reads;
    this.publisher = publisher;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
    for (Recoverability reason : Recoverability.values()) {
      metrics.declareRecoveryReason(reason.tag());
    }
  }

  /**
   * Recovers every unowned running campaign, batch by batch, until none is left or {@code deadline}
   * has passed; answers how many this call recovered.
   */
  public int recoverAll(Instant deadline) {
    int recovered = 0;
    for (Recoverability reason : Recoverability.values()) {
      while (clock.instant().isBefore(deadline)) {
        List<UnownedCampaign> batch =
            reads.unowned(
                reason, clock.instant(), properties.startTimeout(), properties.batchSize());
        int before = recovered;
        for (UnownedCampaign campaign : batch) {
          if (recover(campaign.campaignId(), campaign.dispatchId(), reason)) {
            recovered++;
          }
        }
        if (batch.isEmpty() || recovered == before) {
          break; // nothing left, or the rest went to another dispatcher or back to its worker
        }
      }
    }
    return recovered;
  }

  /**
   * Recovers one running campaign, if it is unowned now ({@code CampaignScheduled} from a worker
   * that released it, or a timer at its {@code resumeAt}); answers whether this call recovered it.
   */
  public boolean recoverIfUnowned(String campaignId, String dispatchId) {
    for (Recoverability reason : Recoverability.values()) {
      if (recover(campaignId, dispatchId, reason)) {
        return true;
      }
    }
    return false;
  }

  private boolean recover(String campaignId, String oldDispatchId, Recoverability reason) {
    Instant now = clock.instant();
    Optional<String> dispatchId =
        campaigns.recover(campaignId, oldDispatchId, reason, now, properties.startTimeout());
    if (dispatchId.isEmpty()) {
      return false;
    }
    metrics.recovered(reason.tag());
    publisher
        .publish(campaignId, dispatchId.get(), now)
        .thenAccept(
            published -> {
              try (var c = MDC.putCloseable("campaignId", campaignId);
                  var d = MDC.putCloseable("dispatchId", dispatchId.get())) {
                log.info(
                    "campaign recovered ({}), replacing dispatch {}{}",
                    reason.tag(),
                    oldDispatchId,
                    published ? "" : ", its start is given back");
              }
            });
    return true;
  }
}
