package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.campaign.CampaignEnds;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.lease.WorkerLeases;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Dials one campaign under one lease, on a thread of its own, from start to end, each job done by a
 * part of its own: keeping the lease ({@link SessionLease}), getting ready ({@link SessionSetup}),
 * choosing the next attempt ({@link AttemptPicker}), placing calls with requests in flight ({@link
 * PlacementPipeline}), expiring stale calls ({@link StaleCalls}), what to do when nothing can be
 * dialled ({@link IdlePolicy}), and winding up once stopped ({@link SessionTeardown}), after its
 * outstanding requests were answered.
 */
final class DialingSession implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(DialingSession.class);

  private final SessionLease session;
  private final Factory parts;
  private final Runnable onEnd;

  private DialingSession(SessionLease session, Factory parts, Runnable onEnd) {
    this.session = session;
    this.parts = parts;
    this.onEnd = onEnd;
  }

  Lease lease() {
    return session.lease();
  }

  /** Its lease, stop signal and status checks. */
  SessionLease control() {
    return session;
  }

  @Override
  public void run() {
    MDC.put("campaignId", session.campaignId());
    MDC.put("dispatchId", session.lease().dispatchId());
    SessionSetup.Prepared prepared = null;
    try {
      prepared = parts.setup.prepare(session).orElse(null);
      if (prepared != null) {
        dial(prepared);
      }
    } catch (RuntimeException e) {
      log.error("campaign {}: dialling stopped by an unexpected error", session.campaignId(), e);
      session.stop(StopReason.ERROR);
    } finally {
      try {
        if (prepared != null) {
          prepared.pipeline().drain(parts.drainTimeout);
          prepared.pipeline().close();
          prepared.picker().close();
        }
        parts.teardown.finish(session, prepared == null ? null : prepared.picker());
      } catch (RuntimeException e) {
        log.error("campaign {}: could not wind the session up", session.campaignId(), e);
      }
      MDC.clear();
      onEnd.run();
    }
  }

  private void dial(SessionSetup.Prepared prepared) {
    Instant nextSweep = Instant.MIN;
    while (!session.stopped()) {
      session.progressed();
      if (!parts.clock.instant().isBefore(nextSweep)) {
        nextSweep = parts.staleCalls.sweep(session.campaignId(), prepared.pipeline().inFlight());
      }
      if (!prepared.pipeline().placeNext() && parts.idle.idle(session, prepared.picker())) {
        return;
      }
    }
  }

  /** Builds the sessions with their parts. */
  @Component
  static class Factory {

    private final SessionSetup setup;
    private final IdlePolicy idle;
    private final StaleCalls staleCalls;
    private final SessionTeardown teardown;
    private final CampaignReads campaigns;
    private final CampaignEnds ends;
    private final WorkerLeases leases;
    private final WorkerProperties properties;
    private final Duration drainTimeout;
    private final Clock clock;

    Factory(
        SessionSetup setup,
        IdlePolicy idle,
        StaleCalls staleCalls,
        SessionTeardown teardown,
        CampaignReads campaigns,
        CampaignEnds ends,
        WorkerLeases leases,
        WorkerProperties properties,
        PlivoProperties plivo,
        Clock clock) {
      this.setup = setup;
      this.idle = idle;
      this.staleCalls = staleCalls;
      this.teardown = teardown;
      this.campaigns = campaigns;
      this.ends = ends;
      this.leases = leases;
      this.properties = properties;
      this.drainTimeout = plivo.callTimeout().plusSeconds(1);
      this.clock = clock;
    }

    /** A session for {@code lease}; {@code onEnd} runs when it is over. */
    DialingSession session(Lease lease, Runnable onEnd) {
      SessionLease control = new SessionLease(lease, campaigns, ends, leases, properties, clock);
      return new DialingSession(control, this, onEnd);
    }
  }
}
