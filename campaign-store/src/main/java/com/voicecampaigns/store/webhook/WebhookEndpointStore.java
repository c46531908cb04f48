package com.voicecampaigns.store.webhook;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The tenants' webhook endpoints: registered, listed, deleted, and their health as deliveries go: a
 * success clears {@code failingSince}, a failure counts, and {@link #disable} turns an endpoint off
 * with a reason.
 */
public class WebhookEndpointStore {

  private final MongoOperations mongo;

  public WebhookEndpointStore(MongoOperations mongo) {
    this.mongo = mongo;
  }

  public WebhookEndpointDocument create(WebhookEndpointDocument endpoint) {
    return mongo.insert(endpoint);
  }

  /** The endpoint, if {@code clientId} owns it ({@code null}: any tenant's). */
  public Optional<WebhookEndpointDocument> find(String id, String clientId) {
    return Optional.ofNullable(mongo.findOne(owned(id, clientId), WebhookEndpointDocument.class));
  }

  /** One page of the tenant's endpoints ({@code null}: every tenant's), oldest first. */
  public List<WebhookEndpointDocument> page(String clientId, long offset, int limit) {
    return mongo.find(
        byTenant(clientId)
            .with(Sort.by(WebhookFields.CREATED_AT, WebhookFields.ID))
            .skip(offset)
            .limit(limit),
        WebhookEndpointDocument.class);
  }

  public long count(String clientId) {
    return mongo.count(byTenant(clientId), WebhookEndpointDocument.class);
  }

  /** The tenant's enabled endpoints. */
  public List<WebhookEndpointDocument> enabled(String clientId) {
    return mongo.find(
        new Query(where(WebhookFields.CLIENT_ID).is(clientId).and(WebhookFields.ENABLED).is(true)),
        WebhookEndpointDocument.class);
  }

  /** Deletes the endpoint; false when {@code clientId} owns no such endpoint. */
  public boolean delete(String id, String clientId) {
    return mongo.remove(owned(id, clientId), WebhookEndpointDocument.class).getDeletedCount() == 1;
  }

  /** A delivery succeeded: the endpoint is healthy again. */
  public void succeeded(String id, Instant now) {
    mongo.updateFirst(
        new Query(where(WebhookFields.ID).is(id)),
        new Update()
            .set(WebhookFields.LAST_SUCCESS_AT, now)
            .set(WebhookFields.CONSECUTIVE_FAILURES, 0)
            .unset(WebhookFields.FAILING_SINCE),
        WebhookEndpointDocument.class);
  }

  /**
   * An attempt failed: one more consecutive failure, {@code failingSince} set if it was healthy.
   * Answers the endpoint as it is now (empty once deleted).
   */
  public Optional<WebhookEndpointDocument> failed(String id, Instant now) {
    mongo.updateFirst(
        new Query(where(WebhookFields.ID).is(id).and(WebhookFields.FAILING_SINCE).isNull()),
        new Update().set(WebhookFields.FAILING_SINCE, now),
        WebhookEndpointDocument.class);
    return Optional.ofNullable(
        mongo.findAndModify(
            new Query(where(WebhookFields.ID).is(id)),
            new Update().inc(WebhookFields.CONSECUTIVE_FAILURES, 1),
            FindAndModifyOptions.options().returnNew(true),
            WebhookEndpointDocument.class));
  }

  /** Turns the endpoint off with {@code reason}; false when it was off already (or is gone). */
  public boolean disable(String id, String reason, Instant now) {
    return mongo
            .updateFirst(
                new Query(where(WebhookFields.ID).is(id).and(WebhookFields.ENABLED).is(true)),
                new Update()
                    .set(WebhookFields.ENABLED, false)
                    .set(WebhookFields.DISABLED_REASON, reason)
                    .set(WebhookFields.DISABLED_AT, now),
                WebhookEndpointDocument.class)
            .getModifiedCount()
        == 1;
  }

  private static Query owned(String id, String clientId) {
    Query query = new Query(where(WebhookFields.ID).is(id));
    if (clientId != null) {
      query.addCriteria(where(WebhookFields.CLIENT_ID).is(clientId));
    }
    return query;
  }

  private static Query byTenant(String clientId) {
    return clientId == null ? new Query() : new Query(where(WebhookFields.CLIENT_ID).is(clientId));
  }
}
