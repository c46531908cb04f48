package com.voicecampaigns.store.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.store.webhook.WebhookDeliveryDocument.Status;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Records events and queues them for the endpoints that want them, idempotently: the event's id and
 * each delivery's id are derived from what happened ({@link WebhookEventDocument}), so recording
 * the same event twice, from a repeated sweep, another replica or the API right after the change,
 * inserts nothing the second time. No multi-document transaction is needed: the deliveries are
 * written before the event, and a writer that died in between left no event, so the next sweep over
 * the same documents writes them again (the ones written are kept).
 */
public class WebhookOutbox {

  private final MongoOperations mongo;

  public WebhookOutbox(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /**
   * Queues a pending delivery of {@code event}, due now, for each of {@code endpoints} (unless it
   * is queued already), then records the event (unless it exists). In this order, a recorded event
   * has its deliveries: a caller that finds it recorded has nothing left to do. Answers how many
   * deliveries this call queued.
   */
  public int record(
      WebhookEventDocument event, Collection<WebhookEndpointDocument> endpoints, Instant now) {
    int queued = 0;
    for (WebhookEndpointDocument endpoint : endpoints) {
      var delivery =
          new WebhookDeliveryDocument(
              WebhookDeliveryDocument.idOf(event.id(), endpoint.id()),
              event.id(),
              endpoint.id(),
              event.clientId(),
              event.campaignId(),
              event.type(),
              event.body(),
              event.occurredAt(),
              now,
              Status.PENDING,
              0,
              now,
              null,
              null,
              null,
              null,
              null,
              null);
      if (insertIfAbsent(delivery)) {
        queued++;
      }
    }
    insertIfAbsent(event);
    return queued;
  }

  public boolean exists(String eventId) {
    return mongo.exists(new Query(where(WebhookFields.ID).is(eventId)), WebhookEventDocument.class);
  }

  /** The campaign's latest event of {@code type}, by when it happened. */
  public Optional<WebhookEventDocument> latest(String campaignId, String type) {
    return Optional.ofNullable(
        mongo.findOne(
            new Query(
                    where(WebhookFields.CAMPAIGN_ID)
                        .is(campaignId)
                        .and(WebhookFields.TYPE)
                        .is(type))
                .with(Sort.by(Sort.Direction.DESC, WebhookFields.OCCURRED_AT))
                .limit(1),
            WebhookEventDocument.class));
  }

  public Optional<WebhookEventDocument> find(String eventId) {
    return Optional.ofNullable(mongo.findById(eventId, WebhookEventDocument.class));
  }

  /** Every event recorded for the campaign, oldest first (tests and support). */
  public List<WebhookEventDocument> ofCampaign(String campaignId) {
    return mongo.find(
        new Query(where(WebhookFields.CAMPAIGN_ID).is(campaignId))
            .with(Sort.by(WebhookFields.OCCURRED_AT, WebhookFields.ID)),
        WebhookEventDocument.class);
  }

  private boolean insertIfAbsent(Object document) {
    try {
      mongo.insert(document);
      return true;
    } catch (DuplicateKeyException recordedAlready) {
      return false;
    }
  }
}
