package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.CampaignState;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.control.DialingSwitch;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code worker.status-check-interval}: reads the kill switch and the status of every
 * campaign this worker dials (stopping a session its campaign no longer allows), renews the leases
 * whose heartbeat is due, and counts the active calls.
 */
@Component
class SessionMonitor implements SmartLifecycle {

  /** Stops (the status checks) after the CampaignStart input binding stopped. */
  static final int PHASE = Integer.MAX_VALUE - 4000;

  private static final Logger log = LoggerFactory.getLogger(SessionMonitor.class);

  private final CampaignSessions sessions;
  private final CampaignReads campaigns;
  private final CallAttemptReads attempts;
  private final DialingSwitch dialingSwitch;
  private final WorkerMetrics metrics;
  private final WorkerProperties properties;
  private final Clock clock;
  private ScheduledExecutorService monitor;
  private volatile boolean running;

  SessionMonitor(
      CampaignSessions sessions,
      CampaignReads campaigns,
      CallAttemptReads attempts,
      DialingSwitch dialingSwitch,
      WorkerMetrics metrics,
      WorkerProperties properties,
      Clock clock) {
    this.sessions = sessions;
    this.campaigns = campaigns;
    this.attempts = attempts;
    this.dialingSwitch = dialingSwitch;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  /** One round of checks. */
  void check() {
    try {
      dialingSwitch.refresh();
      List<DialingSession> current = sessions.current();
      if (current.isEmpty()) {
        metrics.activeCalls(0);
        return;
      }
      Map<String, CampaignState> states =
          campaigns.states(current.stream().map(s -> s.lease().campaignId()).toList());
      Instant now = clock.instant();
      for (DialingSession session : current) {
        session.control().observe(states.get(session.lease().campaignId()));
        session.control().heartbeat(now);
      }
      metrics.activeCalls(attempts.countActive(states.keySet()));
    } catch (RuntimeException e) {
      log.warn("status check failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    monitor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "campaign-status-check"));
    long period = properties.statusCheckInterval().toMillis();
    monitor.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    monitor.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
