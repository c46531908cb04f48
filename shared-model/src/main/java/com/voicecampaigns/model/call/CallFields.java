package com.voicecampaigns.model.call;

/**
 * Collection and field names of a call attempt: one document per campaign × contact × attempt, with
 * a unique index on {@link #CAMPAIGN_ID}, {@link #CONTACT_ID}, {@link #ATTEMPT}.
 */
public final class CallFields {

  public static final String COLLECTION = "calls";

  public static final String ID = "_id";
  public static final String CAMPAIGN_ID = "campaignId";
  public static final String CLIENT_ID = "clientId";
  public static final String CONTACT_ID = "contactId";
  public static final String ATTEMPT = "attempt";
  public static final String STATUS = "status";
  public static final String TO = "to";
  public static final String FROM = "from";
  public static final String DISPATCH_ID = "dispatchId";
  public static final String WORKER_ID = "workerId";
  public static final String NOT_BEFORE = "notBefore";
  public static final String CREATED_AT = "createdAt";
  public static final String DIALED_AT = "dialedAt";
  public static final String ANSWERED_AT = "answeredAt";
  public static final String ENDED_AT = "endedAt";
  public static final String REQUEST_UUID = "requestUuid";
  public static final String CALL_UUID = "callUuid";
  public static final String HANGUP_CAUSE = "hangupCause";
  public static final String DURATION_SECONDS = "durationSeconds";
  public static final String ERROR = "error";

  /**
   * The contact's own IANA time zone, copied onto each attempt so that a retry honours the
   * contact's calling window without reading the contact again; absent: the campaign's zone.
   */
  public static final String CONTACT_TIMEZONE = "contactTimezone";

  /** How many Make-Call requests were sent for this attempt (retries after 429, 503). */
  public static final String PLIVO_REQUESTS = "plivoRequests";

  /**
   * Set, under the claim's fence, right before a Make-Call request is started, and removed when the
   * attempt goes back to the queue: a claimed attempt without it certainly sent nothing under this
   * claim, so a successor may requeue it instead of marking it {@code unknown}.
   */
  public static final String REQUEST_STARTED_AT = "requestStartedAt";

  /**
   * When the attempt became {@code unknown} (an ambiguous answer, or its worker died before Plivo
   * answered); its callbacks may still come, so it keeps the campaign open for a while.
   */
  public static final String UNKNOWN_SINCE = "unknownSince";

  /** The id of the attempt an operator's redial of this {@code unknown} attempt created. */
  public static final String REDIALED_AS = "redialedAs";

  /**
   * {@code true} once a later attempt of the same contact exists: the contact's progress is that
   * attempt's from then on, so this one's changes no longer move the campaign's contact counters.
   */
  public static final String SUPERSEDED = "superseded";

  /** {@code true} once Plivo's machine detection reported an answering machine on the call. */
  public static final String MACHINE = "machine";

  private CallFields() {}
}
