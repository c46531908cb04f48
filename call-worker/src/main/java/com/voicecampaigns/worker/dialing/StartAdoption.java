package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.event.CampaignStart;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.Recoverability;
import com.voicecampaigns.store.campaign.UnownedCampaign;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes dispatches whose {@code CampaignStart} no worker took within {@code
 * worker.adopt-untaken-starts-after}, as if the start had arrived here: the broker lost it, holds
 * it for a dead subscriber, or delivers it late. The lease is what makes a campaign one worker's
 * (taken once per dispatch, fenced in MongoDB), not the message, so a start that arrives after this
 * finds its dispatch taken and is ignored; the dispatcher's own start timeout stays the fallback.
 */
@Component
class StartAdoption implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StartAdoption.class);
  private static final int BATCH = 16;

  private final CampaignSessions sessions;
  private final CampaignReads campaigns;
  private final WorkerMetrics metrics;
  private final Duration after;
  private final Clock clock;
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  StartAdoption(
      CampaignSessions sessions,
      CampaignReads campaigns,
      WorkerMetrics metrics,
      WorkerProperties properties,
      Clock clock) {
    this.sessions = sessions;
    this.campaigns = campaigns;
    this.metrics = metrics;
    this.after = properties.adoptUntakenStartsAfter();
    this.clock = clock;
  }

  /** One look for untaken dispatches; answers how many this worker took. */
  int adopt() {
    int taken = 0;
    try {
      List<UnownedCampaign> untaken =
          campaigns.unowned(Recoverability.START_TIMEOUT, clock.instant(), after, BATCH);
      for (UnownedCampaign campaign : untaken) {
        CampaignSessions.StartOutcome outcome =
            sessions.start(
                new CampaignStart(campaign.campaignId(), campaign.dispatchId(), clock.instant()));
        if (outcome == CampaignSessions.StartOutcome.STARTED) {
          log.info(
              "campaign {} dispatch {}: its start was not taken within {} s; adopted",
              campaign.campaignId(),
              campaign.dispatchId(),
              after.toSeconds());
          metrics.adopted();
          taken++;
        }
      }
    } catch (RedeliverLaterException e) {
      log.debug("no untaken start adopted now: {}", e.getMessage()); // full, or shutting down
    } catch (RuntimeException e) {
      log.warn("looking for untaken starts failed: {}", e.toString());
    }
    return taken;
  }

  @Override
  public synchronized void start() {
    if (after.isZero()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "start-adoption"));
    long period = Math.max(1_000, after.toMillis() / 4);
    scheduler.scheduleWithFixedDelay(this::adopt, period, period, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return SessionMonitor.PHASE;
  }
}
