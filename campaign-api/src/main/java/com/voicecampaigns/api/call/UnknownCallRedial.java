package com.voicecampaigns.api.call;

import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptRedials;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignLeases;
import com.voicecampaigns.store.campaign.CampaignReads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An operator's redial of a campaign's {@code unknown} attempts (a Make-Call request whose outcome
 * nobody knows: the phone may have rung). Each one gets a new attempt, pending from now, which the
 * campaign's worker dials like any retry; the old attempt is never sent again, stays {@code
 * unknown} and names its redial, so that it is redialled once. Only a running or paused campaign
 * can redial: a finished one has no worker left to dial.
 */
@Service
class UnknownCallRedial {

  private static final Logger log = LoggerFactory.getLogger(UnknownCallRedial.class);

  /** The most attempts one request redials; the answer says whether more are left. */
  static final int MAX_PER_REQUEST = 1000;

  private final CallAttemptRedials redials;
  private final CallAttemptStore attempts;
  private final CampaignReads campaigns;
  private final CampaignLeases campaignLeases;
  private final Clock clock;

  UnknownCallRedial(
      CallAttemptRedials redials,
      CallAttemptStore attempts,
      CampaignReads campaigns,
      CampaignLeases campaignLeases,
      Clock clock) {
    this.redials = redials;
    this.attempts = attempts;
    this.campaigns = campaigns;
    this.campaignLeases = campaignLeases;
    this.clock = clock;
  }

  /** One redialled attempt: the {@code unknown} one and the new attempt that redials it. */
  record Redial(String redialOf, String callId, String contactId, String to, int attempt) {}

  /**
   * @param queued the new attempts, oldest unknown first
   * @param more whether unknown attempts are left that this request did not redial
   */
  record RedialReport(String campaignId, List<Redial> queued, boolean more) {}

  RedialReport redial(CampaignDocument campaign, int limit) {
    requireDialable(campaign.status());
    Instant now = clock.instant();
    List<Redial> queued = new ArrayList<>();
    List<CallAttemptDocument> made = new ArrayList<>();
    for (CallAttemptDocument unknown : redials.unknownNotRedialed(campaign.id(), limit)) {
      redials
          .redial(unknown, now)
          .ifPresent(
              next -> {
                made.add(next);
                queued.add(
                    new Redial(
                        unknown.id(), next.id(), next.contactId(), next.to(), next.attempt()));
              });
    }
    if (!made.isEmpty()) {
      settle(campaign, made, now);
    }
    log.info("campaign {}: {} unknown attempts redialled", campaign.id(), queued.size());
    return new RedialReport(
        campaign.id(), queued, !redials.unknownNotRedialed(campaign.id(), 1).isEmpty());
  }

  /**
   * A campaign that finished while the new attempts were written never dials them: they are
   * cancelled again. A running one that its worker released until later is brought forward, so that
   * the redials go now.
   */
  private void settle(CampaignDocument campaign, List<CallAttemptDocument> made, Instant now) {
    CampaignStatus status =
        campaigns
            .find(campaign.id())
            .map(CampaignDocument::status)
            .orElse(CampaignStatus.CANCELLED);
    if (status.isFinished()) {
      made.forEach(next -> attempts.cancel(next.id(), "the campaign finished meanwhile", now));
      throw invalid(status);
    }
    if (status == CampaignStatus.RUNNING) {
      campaignLeases.resumeReleasedNow(campaign.id(), campaign.clientId(), now);
    }
  }

  private static void requireDialable(CampaignStatus status) {
    if (status != CampaignStatus.RUNNING && status != CampaignStatus.PAUSED) {
      throw invalid(status);
    }
  }

  private static ApiProblem invalid(CampaignStatus status) {
    return ApiProblem.conflict(
        ProblemTypes.INVALID_TRANSITION,
        "cannot redial the unknown calls of a "
            + status.wire()
            + " campaign: only a running or paused one dials",
        Map.of("currentStatus", status.wire()));
  }
}
