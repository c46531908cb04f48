package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.campaign.CampaignDocument;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How far a campaign got: its contacts counted by the state of their latest call attempt, read from
 * the workers' call documents. The count walks the campaign's calls, so it runs for the
 * single-campaign view only, not for lists of campaigns.
 */
@Component
class CampaignProgress {

  private final CallAttemptReads calls;
  private final ContactListLookup lists;

  CampaignProgress(CallAttemptReads calls, ContactListLookup lists) {
    this.calls = calls;
    this.lists = lists;
  }

  /**
   * @param totalContacts contacts in the campaign's list
   * @param notCalled contacts without any call attempt yet
   * @param byStatus contacts by the call status of their latest attempt ({@code completed}, {@code
   *     busy}, {@code no-answer}, …)
   * @param attempts call attempts so far, retries included
   */
  record Progress(long totalContacts, long notCalled, Map<String, Long> byStatus, long attempts) {}

  Progress of(CampaignDocument campaign) {
    long total = lists.find(campaign.listId()).map(l -> l.contactCount()).orElse(0L);
    Map<String, Long> byStatus = calls.contactsByLatestStatus(campaign.id());
    long called = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long attempts = calls.count(campaign.id(), null);
    return new Progress(total, Math.max(0, total - called), byStatus, attempts);
  }
}
