package com.voicecampaigns.worker.pacing;

import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Sets up the {@link CampaignRate} of a campaign a session starts dialling. */
@Component
public class CampaignRates {

  private final FairShare fairShare;
  private final ServerClock clock;
  private final CallAttemptReads attempts;
  private final Duration allowance;
  private final Duration maxRequestTime;

  CampaignRates(
      FairShare fairShare,
      ServerClock clock,
      CallAttemptReads attempts,
      WorkerProperties worker,
      PlivoProperties plivo) {
    this.fairShare = fairShare;
    this.clock = clock;
    this.attempts = attempts;
    this.allowance = worker.pacing().timingAllowance();
    this.maxRequestTime = plivo.callTimeout();
  }

  /** The campaign's rate, joined to the account's split. */
  public CampaignRate rateOf(CampaignDocument campaign) {
    CampaignPacer own =
        new CampaignPacer(
            campaign.callsPerSecond(),
            allowance,
            attempts.lastDialedAt(campaign.id()).orElse(null),
            maxRequestTime,
            clock.now());
    return new CampaignRate(campaign.id(), campaign.clientId(), own, fairShare, clock);
  }
}
