package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.InvalidCampaignException;
import com.voicecampaigns.store.contact.ContactStore;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a session does before its first call: reads the campaign (one that cannot be read, or whose
 * list is gone, fails), settles the attempts an earlier dispatch or worker left ({@link
 * OrphanAttempts}), and sets up its calling hours, its walk of the list and its pipeline.
 */
@Component
class SessionSetup {

  private static final Logger log = LoggerFactory.getLogger(SessionSetup.class);

  private final CampaignReads campaigns;
  private final ContactStore contacts;
  private final CampaignCompletion completion;
  private final OrphanAttempts orphans;
  private final AttemptPicker.Factory pickers;
  private final PlacementPipeline.Factory pipelines;
  private final Duration callingWindowMargin;
  private final Duration longestRequest;

  SessionSetup(
      CampaignReads campaigns,
      ContactStore contacts,
      CampaignCompletion completion,
      OrphanAttempts orphans,
      AttemptPicker.Factory pickers,
      PlacementPipeline.Factory pipelines,
      WorkerProperties properties,
      PlivoProperties plivo) {
    this.campaigns = campaigns;
    this.contacts = contacts;
    this.completion = completion;
    this.orphans = orphans;
    this.pickers = pickers;
    this.pipelines = pipelines;
    this.callingWindowMargin = properties.callingWindowMargin();
    this.longestRequest = plivo.callTimeout();
  }

  /** A session ready to dial. */
  record Prepared(AttemptPicker picker, PlacementPipeline pipeline) {}

  /** Empty when the session is already over (it was stopped with the reason). */
  Optional<Prepared> prepare(SessionLease session) {
    CampaignDocument campaign;
    try {
      campaign = campaigns.find(session.campaignId()).orElse(null);
    } catch (InvalidCampaignException e) {
      completion.fail(session.lease(), e.getMessage());
      session.stop(StopReason.FINISHED);
      return Optional.empty();
    }
    if (campaign == null) {
      session.stop(StopReason.LEASE_LOST);
      return Optional.empty();
    }
    if (!contacts.listAvailable(campaign.listId())) {
      completion.fail(session.lease(), "contact list " + campaign.listId() + " no longer exists");
      session.stop(StopReason.FINISHED);
      return Optional.empty();
    }
    orphans.settle(session.lease());
    CallingHours hours =
        CallingHours.of(campaign.callingWindow(), callingWindowMargin, longestRequest);
    AttemptPicker picker = pickers.picker(session, campaign, hours);
    PlacementPipeline pipeline = pipelines.pipeline(session, campaign, hours, picker);
    log.info("campaign {}: dialling (cursor {})", session.campaignId(), campaign.cursor());
    return Optional.of(new Prepared(picker, pipeline));
  }
}
