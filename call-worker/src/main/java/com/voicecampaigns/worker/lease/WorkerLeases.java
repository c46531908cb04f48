package com.voicecampaigns.worker.lease;

import com.voicecampaigns.store.campaign.CampaignLeases;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.store.campaign.TakenLease;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This worker's leases ({@link CampaignLeases}), taken and renewed for {@code
 * worker.lease-duration}; a campaign taken from a worker that never let it go counts as a takeover.
 */
@Component
public class WorkerLeases {

  private static final Logger log = LoggerFactory.getLogger(WorkerLeases.class);

  private final CampaignLeases leases;
  private final WorkerProperties properties;
  private final WorkerMetrics metrics;
  private final Clock clock;

  WorkerLeases(
      CampaignLeases leases, WorkerProperties properties, WorkerMetrics metrics, Clock clock) {
    this.leases = leases;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Takes the lease for {@code dispatchId}; empty when the dispatch is stale or another worker
   * holds a live lease.
   */
  public Optional<Lease> take(String campaignId, String dispatchId) {
    Instant now = clock.instant();
    Optional<TakenLease> taken =
        leases.take(
            campaignId, dispatchId, properties.id(), now.plus(properties.leaseDuration()), now);
    taken
        .filter(TakenLease::takeover)
        .ifPresent(
            lease -> {
              metrics.takeover();
              log.warn(
                  "took campaign {} over from worker {}, which stopped without letting it go",
                  campaignId,
                  lease.previousWorkerId());
            });
    return taken.map(TakenLease::lease);
  }

  /** Extends the lease; false when it was lost or the campaign stopped running. */
  public boolean renew(Lease lease) {
    return leases.renew(lease, clock.instant().plus(properties.leaseDuration()));
  }

  /** Gives the lease up until {@code resumeAt}; false when it was no longer held. */
  public boolean release(Lease lease, Instant resumeAt) {
    return leases.release(lease, resumeAt, clock.instant());
  }

  /** Records that this worker stopped dialling the campaign knowingly. */
  public void letGo(String campaignId) {
    leases.letGo(campaignId, properties.id());
  }
}
