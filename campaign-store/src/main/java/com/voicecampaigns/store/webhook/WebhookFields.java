package com.voicecampaigns.store.webhook;

/**
 * Collection and field names of the outbound webhooks: the tenants' endpoints, the events derived
 * from campaigns and calls (one document per event, its {@code _id} the stable event id), one
 * delivery per event and endpoint, and the sweeps' watermarks.
 */
public final class WebhookFields {

  public static final String ENDPOINTS = "webhookEndpoints";
  public static final String EVENTS = "webhookEvents";
  public static final String DELIVERIES = "webhookDeliveries";
  public static final String WATERMARKS = "webhookWatermarks";

  public static final String ID = "_id";
  public static final String CLIENT_ID = "clientId";
  public static final String CAMPAIGN_ID = "campaignId";
  public static final String CREATED_AT = "createdAt";
  public static final String TYPE = "type";
  public static final String OCCURRED_AT = "occurredAt";

  // endpoints
  public static final String ENABLED = "enabled";
  public static final String DISABLED_REASON = "disabledReason";
  public static final String DISABLED_AT = "disabledAt";
  public static final String FAILING_SINCE = "failingSince";
  public static final String CONSECUTIVE_FAILURES = "consecutiveFailures";
  public static final String LAST_SUCCESS_AT = "lastSuccessAt";

  // deliveries
  public static final String EVENT_ID = "eventId";
  public static final String ENDPOINT_ID = "endpointId";
  public static final String STATUS = "status";
  public static final String ATTEMPTS = "attempts";
  public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
  public static final String LAST_ATTEMPT_AT = "lastAttemptAt";
  public static final String LAST_STATUS_CODE = "lastStatusCode";
  public static final String LAST_ERROR = "lastError";
  public static final String DELIVERED_AT = "deliveredAt";
  public static final String LEASE_TOKEN = "leaseToken";
  public static final String LEASE_UNTIL = "leaseUntil";

  // watermarks
  public static final String AT = "at";
  public static final String AFTER_ID = "afterId";

  /**
   * Set on a call attempt once its {@code call.unknown} event was recorded: {@code unknown} has no
   * timestamp of its own to sweep by, so the sweep finds unknown attempts without this mark.
   */
  public static final String CALL_UNKNOWN_REPORTED = "webhookUnknownReported";

  private WebhookFields() {}
}
