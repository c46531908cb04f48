package com.voicecampaigns.worker.pacing;

import com.voicecampaigns.store.pacing.RateDemand;
import com.voicecampaigns.store.pacing.RateDemands;
import com.voicecampaigns.worker.WorkerProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The split of the account's rate among its running campaigns, over all workers. Each worker, every
 * {@code worker.pacing.share-refresh-interval}, publishes the demand of each campaign it dials
 * ({@link CampaignDemand}, weighted by its tenant) to MongoDB ({@link RateDemands}), reads every
 * live demand of the account, and splits the account's capacity by {@link WaterFilling}: evenly by
 * weight, and a campaign that can use less than its even part (its own limit, its concurrency, a
 * closed window) leaves the rest to the others. Every worker computes the same split from the same
 * demands, so the split holds across workers; while they disagree for a moment (a campaign just
 * started), the account's own permits still hold the account's limit.
 */
@Component
public class FairShare implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FairShare.class);
  private static final int PURGE_EVERY = 120;

  private final RateDemands demands;
  private final AccountPacer pacer;
  private final ServerClock clock;
  private final String workerId;
  private final WorkerProperties.Pacing settings;
  private final Map<String, Member> members = new ConcurrentHashMap<>();
  private volatile Map<String, Double> shares = Map.of();
  private ScheduledExecutorService refreshes;
  private int rounds;

  FairShare(RateDemands demands, AccountPacer pacer, ServerClock clock, WorkerProperties worker) {
    this.demands = demands;
    this.pacer = pacer;
    this.clock = clock;
    this.workerId = worker.id();
    this.settings = worker.pacing();
  }

  private record Member(String campaignId, double weight, CampaignDemand demand) {}

  /** Whether the account has a rate to share at all. */
  public boolean limited() {
    return !Double.isInfinite(pacer.capacity());
  }

  /** Starts counting the campaign, of tenant {@code clientId}, in the split; shares at once. */
  public void join(String campaignId, String clientId, CampaignDemand demand) {
    if (!limited()) {
      return;
    }
    members.put(campaignId, new Member(campaignId, settings.weightOf(clientId), demand));
    refreshQuietly();
  }

  /** The campaign stopped here: its demand no longer counts. */
  public void leave(String campaignId) {
    if (members.remove(campaignId) != null) {
      try {
        demands.withdraw(campaignId, workerId);
      } catch (RuntimeException e) {
        log.warn("could not withdraw the rate demand of campaign {}: {}", campaignId, e.toString());
      }
    }
  }

  /** The campaign's share in calls per second: infinite without an account limit, 0 before any. */
  public double shareOf(String campaignId) {
    if (!limited()) {
      return Double.POSITIVE_INFINITY;
    }
    return shares.getOrDefault(campaignId, 0d);
  }

  /** Publishes this worker's demands and splits the account's rate again. */
  public synchronized void refresh() {
    Instant now = clock.now();
    long nanos = System.nanoTime();
    Instant expiresAt = now.plus(settings.shareRefreshInterval().multipliedBy(3));
    double capacity = pacer.capacity();
    List<RateDemand> mine = new ArrayList<>();
    for (Member member : members.values()) {
      double demand = Math.min(capacity, member.demand().current(nanos));
      mine.add(
          new RateDemand(
              member.campaignId(), pacer.account(), workerId, member.weight(), demand, expiresAt));
    }
    demands.publish(mine);
    List<WaterFilling.Claim> claims = new ArrayList<>();
    for (RateDemand demand : demands.live(pacer.account(), now)) {
      claims.add(
          new WaterFilling.Claim(
              demand.campaignId(), demand.weight(), Math.max(0, demand.callsPerSecond())));
    }
    shares = Map.copyOf(WaterFilling.shares(capacity, claims));
    if (++rounds % PURGE_EVERY == 0) {
      demands.purgeExpired(now.minus(Duration.ofMinutes(1)));
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("could not share the account's rate: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (!limited()) {
      return;
    }
    refreshes =
        Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "fair-share"));
    long period = settings.shareRefreshInterval().toMillis();
    refreshes.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (refreshes != null) {
      refreshes.shutdownNow();
      refreshes = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return refreshes != null;
  }
}
