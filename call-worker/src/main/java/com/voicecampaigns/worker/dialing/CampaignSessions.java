package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.event.CampaignStart;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.call.CallAttempts;
import com.voicecampaigns.worker.campaign.Campaigns;
import com.voicecampaigns.worker.control.DialingSwitch;
import com.voicecampaigns.worker.lease.CampaignLease;
import com.voicecampaigns.worker.lease.CampaignState;
import com.voicecampaigns.worker.lease.Lease;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;

/**
 * The campaigns this worker dials: takes them on {@code CampaignStart}, runs one {@link
 * DialingSession} per campaign up to {@code worker.max-active-campaigns}, reads their status and
 * the kill switch every {@code worker.status-check-interval}, renews their leases, and on shutdown
 * stops them and releases their leases so that another worker takes over at once.
 */
@Service
public class CampaignSessions
    implements SmartLifecycle,
        ApplicationListener<ContextClosedEvent>,
        ApplicationContextAware,
        Ordered {

  /** Stops (the status checks) after the CampaignStart input binding stopped. */
  static final int PHASE = Integer.MAX_VALUE - 4000;

  private static final Logger log = LoggerFactory.getLogger(CampaignSessions.class);

  private final Map<String, DialingSession> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger starting = new AtomicInteger();
  private final DialingServices services;
  private final CampaignLease leases;
  private final Campaigns campaigns;
  private final CallAttempts attempts;
  private final DialingSwitch dialingSwitch;
  private final WorkerMetrics metrics;
  private final WorkerProperties properties;
  private final Clock clock;
  private final ExecutorService sessionThreads;
  private ScheduledExecutorService monitor;
  private ApplicationContext applicationContext;
  private volatile boolean running;
  private volatile boolean accepting;

  CampaignSessions(DialingServices services, WorkerMetrics metrics) {
    this.services = services;
    this.leases = services.leases();
    this.campaigns = services.campaigns();
    this.attempts = services.attempts();
    this.dialingSwitch = services.dialingSwitch();
    this.metrics = metrics;
    this.properties = services.properties();
    this.clock = services.clock();
    AtomicInteger threads = new AtomicInteger();
    this.sessionThreads =
        Executors.newCachedThreadPool(
            runnable -> new Thread(runnable, "dialer-" + threads.incrementAndGet()));
    metrics.campaignGauges(sessions::size, properties::maxActiveCampaigns);
  }

  /** What became of a CampaignStart. */
  public enum StartOutcome {
    STARTED,
    /** This worker already dials the campaign for that dispatch. */
    ALREADY_RUNNING,
    /** The event is stale, the campaign is not running, or another worker holds a live lease. */
    NOT_TAKEN
  }

  /**
   * Takes the campaign for the event's dispatch and starts dialling it.
   *
   * @throws WorkerAtCapacityException when the worker cannot take it now (the message must be
   *     redelivered)
   */
  public StartOutcome start(CampaignStart start) {
    MDC.put("campaignId", start.campaignId());
    MDC.put("dispatchId", start.dispatchId());
    try {
      return startTaken(start);
    } finally {
      MDC.remove("campaignId");
      MDC.remove("dispatchId");
    }
  }

  private StartOutcome startTaken(CampaignStart start) {
    if (!accepting) {
      throw new WorkerAtCapacityException("worker " + properties.id() + " is shutting down");
    }
    Optional<CampaignState> state = campaigns.state(start.campaignId());
    if (state.isEmpty()
        || state.get().status() != CampaignStatus.RUNNING
        || !start.dispatchId().equals(state.get().dispatchId())) {
      log.info(
          "campaign {} dispatch {}: stale or not running, ignored",
          start.campaignId(),
          start.dispatchId());
      return StartOutcome.NOT_TAKEN;
    }
    DialingSession existing = sessions.get(start.campaignId());
    if (existing != null) {
      if (existing.lease().dispatchId().equals(start.dispatchId())) {
        log.info(
            "campaign {} dispatch {}: already dialling", start.campaignId(), start.dispatchId());
        return StartOutcome.ALREADY_RUNNING;
      }
      // the event is the campaign's current dispatch: the session here belongs to an older one
      existing.stop(StopReason.LEASE_LOST);
      throw new WorkerAtCapacityException(
          "campaign " + start.campaignId() + " still stopping its previous dispatch here");
    }
    reserveCapacity(start);
    try {
      Optional<Lease> lease = leases.take(start.campaignId(), start.dispatchId());
      if (lease.isEmpty()) {
        log.info(
            "campaign {} dispatch {}: stale or leased by another worker, ignored",
            start.campaignId(),
            start.dispatchId());
        return StartOutcome.NOT_TAKEN;
      }
      DialingSession session =
          new DialingSession(lease.get(), services, () -> ended(start.campaignId()));
      if (sessions.putIfAbsent(start.campaignId(), session) != null) {
        log.info(
            "campaign {} dispatch {}: already dialling (a duplicate delivered at the same time)",
            start.campaignId(),
            start.dispatchId());
        return StartOutcome.ALREADY_RUNNING;
      }
      sessionThreads.execute(session);
      log.info("campaign {} dispatch {}: taken", start.campaignId(), start.dispatchId());
      return StartOutcome.STARTED;
    } finally {
      starting.decrementAndGet();
    }
  }

  private synchronized void reserveCapacity(CampaignStart start) {
    if (sessions.size() + starting.get() >= properties.maxActiveCampaigns()) {
      throw new WorkerAtCapacityException(
          "worker "
              + properties.id()
              + " dials "
              + properties.maxActiveCampaigns()
              + " campaigns already; campaign "
              + start.campaignId()
              + " goes back for redelivery");
    }
    starting.incrementAndGet();
  }

  private void ended(String campaignId) {
    sessions.remove(campaignId);
  }

  /** The ids of the campaigns this worker dials now. */
  public Set<String> activeCampaigns() {
    return Set.copyOf(sessions.keySet());
  }

  /** Reads the status of every running campaign and the kill switch; renews due leases. */
  void check() {
    try {
      dialingSwitch.refresh();
      List<DialingSession> current = List.copyOf(sessions.values());
      if (current.isEmpty()) {
        metrics.activeCalls(0);
        return;
      }
      Map<String, CampaignState> states =
          campaigns.states(current.stream().map(s -> s.lease().campaignId()).toList());
      Instant now = clock.instant();
      for (DialingSession session : current) {
        session.observe(states.get(session.lease().campaignId()));
        session.heartbeat(now);
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
    accepting = true;
  }

  /**
   * Graceful shutdown (SIGTERM), first thing when the context closes: while the web server still
   * serves callbacks and the message producers still publish, every session stops taking contacts,
   * finishes the request in flight (if any) and releases its lease with {@code resumeAt = now} plus
   * a hint for the dispatcher. Spring's executors, the Pub/Sub publisher's among them, shut down on
   * this same event, so this listener is ordered first.
   */
  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    if (event.getApplicationContext() != applicationContext) {
      return; // a binder's child context
    }
    accepting = false;
    List<DialingSession> current = List.copyOf(sessions.values());
    log.info("shutting down: releasing {} campaign(s)", current.size());
    current.forEach(session -> session.stop(StopReason.SHUTDOWN));
    sessionThreads.shutdown();
    try {
      if (!sessionThreads.awaitTermination(
          properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} dialling session(s) still busy after {}; their leases expire instead",
            sessions.size(),
            properties.shutdownTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void setApplicationContext(ApplicationContext applicationContext) {
    this.applicationContext = applicationContext;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
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
