package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.InvalidCampaignException;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.worker.lease.StopReason;
import com.voicecampaigns.worker.pacing.CampaignPacer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session does before its first call: reads the campaign (one that cannot be read, or whose
 * list is gone, fails), marks the attempts an earlier dispatch or worker left without Plivo's
 * answer {@code unknown}, and sets up its pacer and its walk of the list.
 */
final class SessionSetup {

  private static final Logger log = LoggerFactory.getLogger(SessionSetup.class);

  private final DialingSession session;
  private final DialingServices services;
  private final Lease lease;

  /** A session ready to dial. */
  record Prepared(
      CampaignDocument campaign, CallingHours hours, CampaignPacer pacer, AttemptPicker picker) {}

  SessionSetup(DialingSession session) {
    this.session = session;
    this.services = session.services();
    this.lease = session.lease();
  }

  /** Empty when the session is already over (it was stopped with the reason). */
  Optional<Prepared> prepare() {
    CampaignDocument campaign;
    try {
      campaign = services.campaigns().find(lease.campaignId()).orElse(null);
    } catch (InvalidCampaignException e) {
      services.completion().fail(lease, e.getMessage());
      session.stop(StopReason.FINISHED);
      return Optional.empty();
    }
    if (campaign == null) {
      session.stop(StopReason.LEASE_LOST);
      return Optional.empty();
    }
    if (!services.contacts().listAvailable(campaign.listId())) {
      services.completion().fail(lease, "contact list " + campaign.listId() + " no longer exists");
      session.stop(StopReason.FINISHED);
      return Optional.empty();
    }
    for (CallAttemptDocument orphan : services.attemptReads().orphans(lease)) {
      log.warn(
          "attempt {} to contact {} was claimed by {} and never heard back from Plivo: unknown",
          orphan.id(),
          orphan.contactId(),
          orphan.workerId());
      services
          .outcomes()
          .unknown(
              orphan, "claimed by " + orphan.workerId() + ", which stopped before Plivo answered");
    }
    CampaignPacer pacer =
        new CampaignPacer(
            campaign.callsPerSecond(),
            services.properties().pacing().clockSkewAllowance(),
            services.attemptReads().lastDialedAt(lease.campaignId()).orElse(null),
            services.plivo().callTimeout(),
            services.clock().instant());
    CallingHours hours =
        CallingHours.of(
            campaign.callingWindow(),
            services.properties().callingWindowMargin(),
            services.plivo().callTimeout());
    AttemptPicker picker = new AttemptPicker(session, campaign, hours);
    log.info("campaign {}: dialling (cursor {})", lease.campaignId(), campaign.cursor());
    return Optional.of(new Prepared(campaign, hours, pacer, picker));
  }
}
