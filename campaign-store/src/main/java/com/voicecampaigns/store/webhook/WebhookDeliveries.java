package com.voicecampaigns.store.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.store.webhook.WebhookDeliveryDocument.Status;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Sending deliveries under a lease: {@link #claimDue} takes the pending delivery that has been due
 * longest and whose lease is free or expired, with a new random token; the outcome is written only
 * under that token ({@link #delivered}, {@link #retryAt}, {@link #end}), so a replica whose lease
 * expired (it stalled past the lease, another one took over) changes nothing. Several API replicas
 * therefore never work on one delivery at once; a replica that dies mid-request leaves the lease to
 * expire, and the delivery is sent again (at least once; receivers dedupe on the event id).
 */
public class WebhookDeliveries {

  private final MongoOperations mongo;

  public WebhookDeliveries(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** A delivery claimed for sending, and the lease's token that fences its outcome. */
  public record Claimed(WebhookDeliveryDocument delivery, String leaseToken) {}

  /** Claims the delivery due longest (due at or before {@code now}) until {@code leaseUntil}. */
  public Optional<Claimed> claimDue(Instant now, Instant leaseUntil) {
    return claimDue(now, leaseUntil, Set.of());
  }

  /**
   * Claims the delivery due longest, of a campaign not in {@code busyCampaigns}: a sender that
   * passes the campaigns it is sending for keeps each campaign's deliveries in order (the next one
   * waits until the one in flight is answered) at the cost of one {@code $nin}.
   */
  public Optional<Claimed> claimDue(
      Instant now, Instant leaseUntil, Collection<String> busyCampaigns) {
    Criteria pending =
        where(WebhookFields.STATUS)
            .is(Status.PENDING.name())
            .and(WebhookFields.NEXT_ATTEMPT_AT)
            .lte(now)
            .orOperator(
                where(WebhookFields.LEASE_UNTIL).isNull(),
                where(WebhookFields.LEASE_UNTIL).lte(now));
    if (!busyCampaigns.isEmpty()) {
      pending.and(WebhookFields.CAMPAIGN_ID).nin(busyCampaigns);
    }
    Query due =
        new Query(pending).with(Sort.by(WebhookFields.NEXT_ATTEMPT_AT, WebhookFields.OCCURRED_AT));
    String token = UUID.randomUUID().toString();
    WebhookDeliveryDocument claimed =
        mongo.findAndModify(
            due,
            new Update()
                .set(WebhookFields.LEASE_TOKEN, token)
                .set(WebhookFields.LEASE_UNTIL, leaseUntil),
            FindAndModifyOptions.options().returnNew(true),
            WebhookDeliveryDocument.class);
    return Optional.ofNullable(claimed).map(delivery -> new Claimed(delivery, token));
  }

  /** The receiver answered 2xx. False when the lease was lost meanwhile. */
  public boolean delivered(Claimed claim, int statusCode, Instant now) {
    return underLease(
        claim,
        attempted(statusCode, null, now)
            .set(WebhookFields.STATUS, Status.DELIVERED.name())
            .set(WebhookFields.DELIVERED_AT, now));
  }

  /** The attempt failed; the next one is due at {@code nextAttemptAt}. */
  public boolean retryAt(
      Claimed claim, Integer statusCode, String error, Instant next, Instant now) {
    return underLease(
        claim, attempted(statusCode, error, now).set(WebhookFields.NEXT_ATTEMPT_AT, next));
  }

  /**
   * The delivery ends without success: {@code failed} after its last attempt ({@code attempted}),
   * or {@code cancelled} before one (its endpoint was disabled or deleted).
   */
  public boolean end(
      Claimed claim,
      Status status,
      boolean attempted,
      Integer statusCode,
      String error,
      Instant now) {
    Update update =
        attempted
            ? attempted(statusCode, error, now)
            : new Update().set(WebhookFields.LAST_ERROR, error);
    return underLease(claim, update.set(WebhookFields.STATUS, status.name()));
  }

  /** Cancels every pending delivery of the endpoint (it was disabled or deleted). */
  public long cancelPending(String endpointId, String reason) {
    return mongo
        .updateMulti(
            new Query(
                where(WebhookFields.ENDPOINT_ID)
                    .is(endpointId)
                    .and(WebhookFields.STATUS)
                    .is(Status.PENDING.name())),
            new Update()
                .set(WebhookFields.STATUS, Status.CANCELLED.name())
                .set(WebhookFields.LAST_ERROR, reason),
            WebhookDeliveryDocument.class)
        .getModifiedCount();
  }

  /** One page of the endpoint's deliveries, newest first. */
  public List<WebhookDeliveryDocument> page(
      String endpointId, Status status, long offset, int limit) {
    return mongo.find(
        byEndpoint(endpointId, status)
            .with(
                Sort.by(Sort.Direction.DESC, WebhookFields.CREATED_AT)
                    .and(Sort.by(Sort.Direction.DESC, WebhookFields.ID)))
            .skip(offset)
            .limit(limit),
        WebhookDeliveryDocument.class);
  }

  public long count(String endpointId, Status status) {
    return mongo.count(byEndpoint(endpointId, status), WebhookDeliveryDocument.class);
  }

  public Optional<WebhookDeliveryDocument> find(String id) {
    return Optional.ofNullable(mongo.findById(id, WebhookDeliveryDocument.class));
  }

  private static Update attempted(Integer statusCode, String error, Instant now) {
    Update update =
        new Update()
            .inc(WebhookFields.ATTEMPTS, 1)
            .set(WebhookFields.LAST_ATTEMPT_AT, now)
            .unset(WebhookFields.LEASE_TOKEN)
            .unset(WebhookFields.LEASE_UNTIL);
    if (statusCode == null) {
      update.unset(WebhookFields.LAST_STATUS_CODE);
    } else {
      update.set(WebhookFields.LAST_STATUS_CODE, statusCode);
    }
    if (error == null) {
      update.unset(WebhookFields.LAST_ERROR);
    } else {
      update.set(WebhookFields.LAST_ERROR, error);
    }
    return update;
  }

  private boolean underLease(Claimed claim, Update update) {
    Query leased =
        new Query(
            where(WebhookFields.ID)
                .is(claim.delivery().id())
                .and(WebhookFields.LEASE_TOKEN)
                .is(claim.leaseToken())
                .and(WebhookFields.STATUS)
                .is(Status.PENDING.name()));
    return mongo.updateFirst(leased, update, WebhookDeliveryDocument.class).getModifiedCount() == 1;
  }

  private static Query byEndpoint(String endpointId, Status status) {
    Criteria criteria = where(WebhookFields.ENDPOINT_ID).is(endpointId);
    if (status != null) {
      criteria.and(WebhookFields.STATUS).is(status.name());
    }
    return new Query(criteria);
  }
}
