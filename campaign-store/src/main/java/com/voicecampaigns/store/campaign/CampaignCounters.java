package com.voicecampaigns.store.campaign;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The per-status counters of a campaign's attempts, {@code stats.<status>}: moved by one for each
 * change of an attempt's outcome (the change itself is the single winner of a conditional update),
 * and recomputed from the call documents when the campaign ends.
 */
public class CampaignCounters {

  /** Statuses counted in {@code stats}: the outcomes of attempts. */
  public static final List<CallStatus> COUNTED =
      Arrays.stream(CallStatus.values()).filter(CampaignCounters::counted).toList();

  private final MongoOperations mongo;

  public CampaignCounters(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** Whether {@code status} has a counter: the attempt's outcome is known or unknown. */
  public static boolean counted(CallStatus status) {
    return status.isTerminal() || status == CallStatus.UNKNOWN;
  }

  /** An attempt of the campaign moved from {@code from} to {@code to}, whatever its status. */
  public void countTransition(String campaignId, CallStatus from, CallStatus to) {
    Update update = new Update().inc(CampaignFields.STATS + "." + to.wire(), 1);
    if (from != null && counted(from) && from != to) {
      update.inc(CampaignFields.STATS + "." + from.wire(), -1);
    }
    mongo.updateFirst(
        new Query(CampaignFilters.byId(campaignId)), update, CampaignFields.COLLECTION);
  }

  /** Replaces every counter by {@code stats}, whatever the campaign's status. */
  public void replace(String campaignId, Map<CallStatus, Long> stats) {
    mongo.updateFirst(
        new Query(CampaignFilters.byId(campaignId)),
        new Update().set(CampaignFields.STATS, stats(stats)),
        CampaignFields.COLLECTION);
  }

  static Document stats(Map<CallStatus, Long> counts) {
    Document stats = new Document();
    counts.forEach((status, n) -> stats.put(status.wire(), n));
    return stats;
  }
}
