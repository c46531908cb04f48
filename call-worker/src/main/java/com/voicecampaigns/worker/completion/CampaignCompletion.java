package com.voicecampaigns.worker.completion;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.worker.dialing.CallAttempts;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Completes a running campaign once every contact was dialled and no call is active. */
@Component
public class CampaignCompletion {

  private static final Logger log = LoggerFactory.getLogger(CampaignCompletion.class);

  private final MongoTemplate mongo;
  private final CallAttempts attempts;
  private final Clock clock;

  CampaignCompletion(MongoTemplate mongo, CallAttempts attempts, Clock clock) {
    this.mongo = mongo;
    this.attempts = attempts;
    this.clock = clock;
  }

  public void completeIfDone(String campaignId) {
    if (attempts.countActive(campaignId) > 0) {
      return;
    }
    Instant now = clock.instant();
    var done =
        new Query(
            where(CampaignFields.ID)
                .is(campaignId)
                .and(CampaignFields.STATUS)
                .is(CampaignStatus.RUNNING.wire())
                .and(CampaignFields.CONTACTS_EXHAUSTED)
                .is(true));
    var complete =
        new Update()
            .set(CampaignFields.STATUS, CampaignStatus.COMPLETED.wire())
            .set(CampaignFields.COMPLETED_AT, now)
            .set(CampaignFields.UPDATED_AT, now)
            .unset(CampaignFields.WORKER_ID)
            .unset(CampaignFields.LEASE_UNTIL);
    if (mongo.updateFirst(done, complete, CampaignFields.COLLECTION).getModifiedCount() == 1) {
      log.info("campaign {} completed", campaignId);
    }
  }
}
