package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.campaign.CampaignCounters;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.ProgressCounts;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * How far a campaign got, from the counters on its own document ({@code stats}, {@code
 * contactStats}), which the store's call-attempt transitions move with {@code $inc}: one read of
 * the campaign and one of its list, whatever the number of its calls. A campaign created before the
 * counters has none; its progress is recounted from its calls (an aggregation) instead.
 */
@Component
class CampaignProgress {

  private final CampaignCounters counters;
  private final ContactListLookup lists;

  CampaignProgress(CampaignCounters counters, ContactListLookup lists) {
    this.counters = counters;
    this.lists = lists;
  }

  /**
   * @param totalContacts contacts in the campaign's list
   * @param notCalled contacts without any call attempt yet (0 once the end time completed the
   *     campaign: those count as {@code expired})
   * @param byStatus contacts by the call status of their latest attempt ({@code completed}, {@code
   *     busy}, {@code no-answer}, {@code machine}, {@code suppressed}, {@code expired}, …)
   * @param attempts call attempts so far, retries included
   * @param attemptsByStatus call attempts by status
   */
  record Progress(
      long totalContacts,
      long notCalled,
      Map<String, Long> byStatus,
      long attempts,
      Map<String, Long> attemptsByStatus) {}

  Progress of(CampaignDocument campaign) {
    return of(campaign, totalContacts(campaign));
  }

  /** Contacts in the campaign's list (0 once the list is gone). */
  long totalContacts(CampaignDocument campaign) {
    return lists.find(campaign.listId()).map(l -> l.contactCount()).orElse(0L);
  }

  /** The progress of a campaign whose list holds {@code total} contacts. */
  Progress of(CampaignDocument campaign, long total) {
    ProgressCounts counts =
        campaign.storedCounts().orElseGet(() -> counters.recount(campaign.id()));
    Map<String, Long> byStatus = new TreeMap<>(counts.contacts());
    long notCalled = Math.max(0, total - counts.contactsAttempted());
    if (campaign.expiredAt() != null && notCalled > 0) {
      byStatus.merge(CallStatus.EXPIRED.wire(), notCalled, Long::sum);
      notCalled = 0;
    }
    return new Progress(total, notCalled, byStatus, counts.totalAttempts(), counts.attempts());
  }
}
