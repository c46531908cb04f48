package com.voicecampaigns.dispatcher.tick;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.claim.DueCampaignDispatcher;
import com.voicecampaigns.dispatcher.metrics.DispatcherMetrics;
import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import com.voicecampaigns.dispatcher.recovery.UnownedCampaignRecoverer;
import com.voicecampaigns.dispatcher.timer.CampaignWatch;
import com.voicecampaigns.store.campaign.CampaignEnds;
import com.voicecampaigns.store.campaign.CampaignReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What one tick does, within {@code dispatcher.tick-budget}: arm timers for what falls due within
 * the look-ahead window (first, so that a long backlog does not delay campaigns due during it),
 * complete the campaigns whose end time has passed (so none of them is started or recovered),
 * recover running campaigns nobody owns, start every due campaign, arm again for what was created
 * meanwhile, and count what is still due.
 */
@Component
class DispatchPass {

  private static final Logger log = LoggerFactory.getLogger(DispatchPass.class);

  private final UnownedCampaignRecoverer recoverer;
  private final DueCampaignDispatcher dispatcher;
  private final CampaignReads campaigns;
  private final CampaignEnds ends;
  private final CampaignWatch watch;
  private final DispatcherMetrics metrics;
  private final DispatcherProperties properties;
  private final Clock clock;

  DispatchPass(
      UnownedCampaignRecoverer recoverer,
      DueCampaignDispatcher dispatcher,
      CampaignReads campaigns,
      CampaignEnds ends,
      CampaignWatch watch,
      DispatcherMetrics metrics,
      DispatcherProperties properties,
      Clock clock) {
    this.recoverer = recoverer;
    this.dispatcher = dispatcher;
    this.campaigns = campaigns;
    this.ends = ends;
    this.watch = watch;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  void run() {
    Instant began = clock.instant();
    Instant deadline = began.plus(properties.tickBudget());
    watch.armUpcoming();
    int ended = ends.endAllPast(clock.instant(), properties.batchSize());
    int recovered = recoverer.recoverAll(deadline);
    int started = dispatcher.dispatchDue(deadline, StartTrigger.TICK);
    watch.armUpcoming();
    long backlog = campaigns.countDue(clock.instant());
    metrics.dueBacklog(backlog);
    metrics.pass().record(Duration.between(began, clock.instant()));
    log.info(
        "dispatch pass: {} started, {} recovered, {} ended (end time), {} still due, {} ms",
        started,
        recovered,
        ended,
        backlog,
        Duration.between(began, clock.instant()).toMillis());
  }
}
