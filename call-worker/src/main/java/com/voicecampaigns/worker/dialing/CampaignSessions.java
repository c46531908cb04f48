package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.event.CampaignStart;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.CampaignState;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.lease.WorkerLeases;
import com.voicecampaigns.worker.metrics.WorkerMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * The campaigns this worker dials: takes them on {@code CampaignStart} and runs one {@link
 * DialingSession} per campaign, up to {@code worker.max-active-campaigns}. {@link SessionMonitor}
 * checks them every {@code worker.status-check-interval}; {@link GracefulShutdown} stops them.
 */
@Service
public class CampaignSessions {

  private static final Logger log = LoggerFactory.getLogger(CampaignSessions.class);

  private final Map<String, DialingSession> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger starting = new AtomicInteger();
  private final DialingSession.Factory factory;
  private final WorkerLeases leases;
  private final CampaignReads campaigns;
  private final WorkerProperties properties;
  private final ExecutorService sessionThreads;
  private volatile boolean accepting = true;

  CampaignSessions(
      DialingSession.Factory factory,
      WorkerLeases leases,
      CampaignReads campaigns,
      WorkerProperties properties,
      WorkerMetrics metrics) {
    this.factory = factory;
    this.leases = leases;
    this.campaigns = campaigns;
    this.properties = properties;
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
   * @throws RedeliverLaterException when the worker cannot take it now (the message must be
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
      throw new RedeliverLaterException("worker " + properties.id() + " is shutting down");
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
      existing.control().stop(StopReason.LEASE_LOST);
      throw new RedeliverLaterException(
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
      DialingSession session = factory.session(lease.get(), () -> ended(start.campaignId()));
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
      throw new RedeliverLaterException(
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

  /** The sessions running now. */
  List<DialingSession> current() {
    return List.copyOf(sessions.values());
  }

  /**
   * Takes no more campaigns, stops every session with {@code reason} and waits up to {@code
   * worker.shutdown-timeout} for them to end.
   */
  void stopAll(StopReason reason) {
    accepting = false;
    List<DialingSession> current = current();
    log.info("shutting down: releasing {} campaign(s)", current.size());
    current.forEach(session -> session.control().stop(reason));
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
}
