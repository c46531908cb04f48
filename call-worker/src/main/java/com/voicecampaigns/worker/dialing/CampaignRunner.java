package com.voicecampaigns.worker.dialing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.contact.ContactFields;
import com.voicecampaigns.model.event.CampaignStart;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.completion.CampaignCompletion;
import com.voicecampaigns.worker.lease.CampaignLease;
import com.voicecampaigns.worker.plivo.PlivoCalls;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Runs a started campaign: takes its lease, walks its contacts in id order from the cursor stored
 * on the campaign, claims each first attempt and dials it.
 */
@Service
public class CampaignRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
  private static final int BATCH = 100;

  private final CampaignLease lease;
  private final CallAttempts attempts;
  private final PlivoCalls plivo;
  private final CampaignCompletion completion;
  private final MongoTemplate mongo;
  private final WorkerProperties properties;
  private final Clock clock;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  CampaignRunner(
      CampaignLease lease,
      CallAttempts attempts,
      PlivoCalls plivo,
      CampaignCompletion completion,
      MongoTemplate mongo,
      WorkerProperties properties,
      Clock clock) {
    this.lease = lease;
    this.attempts = attempts;
    this.plivo = plivo;
    this.completion = completion;
    this.mongo = mongo;
    this.properties = properties;
    this.clock = clock;
  }

  /** Takes the campaign if the start is current and unowned, and dials it in the background. */
  public void onStart(CampaignStart start) {
    if (!lease.take(start.campaignId(), start.dispatchId())) {
      log.info(
          "campaign {} dispatch {} is stale or owned: ignored",
          start.campaignId(),
          start.dispatchId());
      return;
    }
    executor.execute(() -> run(start));
  }

  private void run(CampaignStart start) {
    String campaignId = start.campaignId();
    Document campaign =
        mongo.findById(new ObjectId(campaignId), Document.class, CampaignFields.COLLECTION);
    if (campaign == null) {
      return;
    }
    String cursor = campaign.getString(CampaignFields.CURSOR);
    while (true) {
      if (!lease.renew(campaignId, start.dispatchId())) {
        log.info("campaign {}: lease lost or campaign stopped, no more calls", campaignId);
        return;
      }
      List<Document> contacts = nextContacts(campaign.getString(CampaignFields.LIST_ID), cursor);
      if (contacts.isEmpty()) {
        break;
      }
      for (Document contact : contacts) {
        dialFirstAttempt(campaign, start.dispatchId(), contact);
        cursor = contact.getObjectId(ContactFields.ID).toHexString();
      }
      mongo.updateFirst(
          new Query(where(CampaignFields.ID).is(campaignId)),
          new Update().set(CampaignFields.CURSOR, cursor),
          CampaignFields.COLLECTION);
    }
    mongo.updateFirst(
        new Query(where(CampaignFields.ID).is(campaignId)),
        new Update().set(CampaignFields.CONTACTS_EXHAUSTED, true),
        CampaignFields.COLLECTION);
    completion.completeIfDone(campaignId);
  }

  private List<Document> nextContacts(String listId, String cursor) {
    Criteria criteria = where(ContactFields.LIST_ID).is(listId);
    if (cursor != null) {
      criteria = criteria.and(ContactFields.ID).gt(new ObjectId(cursor));
    }
    return mongo.find(
        new Query(criteria).with(Sort.by(ContactFields.ID)).limit(BATCH),
        Document.class,
        ContactFields.CONTACT_COLLECTION);
  }

  private void dialFirstAttempt(Document campaign, String dispatchId, Document contact) {
    Instant now = clock.instant();
    String callId = CallAttempts.newId();
    var attempt =
        new CallAttempt(
            callId,
            campaign.getObjectId(CampaignFields.ID).toHexString(),
            campaign.getString(CampaignFields.CLIENT_ID),
            contact.getObjectId(ContactFields.ID).toHexString(),
            1,
            CallStatus.DIALING,
            contact.getString(ContactFields.PHONE),
            campaign.getString(CampaignFields.FROM_NUMBER),
            dispatchId,
            properties.id(),
            null,
            now,
            now,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    if (attempts.claim(attempt).isEmpty()) {
      return;
    }
    try {
      String requestUuid =
          plivo.placeCall(
              attempt.from(),
              attempt.to(),
              callbackUrl("answer", callId),
              callbackUrl("hangup", callId));
      attempts.dialed(callId, requestUuid);
    } catch (Exception e) {
      log.warn("call {} to contact {} failed: {}", callId, attempt.contactId(), e.getMessage());
      attempts.failed(callId, e.getMessage(), clock.instant());
    }
  }

  private URI callbackUrl(String kind, String callId) {
    String base = properties.publicUrl().toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "plivo/" + kind + "/" + callId);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
