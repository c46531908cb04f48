package com.voicecampaigns.dispatcher.claim;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Claims every due campaign and publishes its start, until none is due or the budget ends. */
@Service
public class DueCampaignDispatcher {

  private static final Logger log = LoggerFactory.getLogger(DueCampaignDispatcher.class);

  private final DueCampaignClaimer claimer;
  private final CampaignStartPublisher publisher;
  private final DispatcherProperties properties;
  private final Clock clock;

  DueCampaignDispatcher(
      DueCampaignClaimer claimer,
      CampaignStartPublisher publisher,
      DispatcherProperties properties,
      Clock clock) {
    this.claimer = claimer;
    this.publisher = publisher;
    this.properties = properties;
    this.clock = clock;
  }

  /** Answers how many campaigns this call started. */
  public int dispatchDue() {
    Instant deadline = clock.instant().plus(properties.tickBudget());
    int started = 0;
    while (clock.instant().isBefore(deadline)) {
      Optional<ClaimedCampaign> claimed = claimer.claimNextDue(clock.instant());
      if (claimed.isEmpty()) {
        break;
      }
      ClaimedCampaign campaign = claimed.get();
      if (publisher.publish(campaign)) {
        log.info(
            "started campaign {} with dispatch {}", campaign.campaignId(), campaign.dispatchId());
      } else {
        log.warn("campaign {} claimed but its start was not published", campaign.campaignId());
      }
      started++;
    }
    return started;
  }
}
