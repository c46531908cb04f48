package com.voicecampaigns.model.campaign;

/**
 * Collection and field names of the campaign document. campaign-store maps the document (its {@code
 * CampaignDocument} record has one component per field) and owns every query and update of it; the
 * names live here so that tests and operators' scripts can spell them too.
 */
public final class CampaignFields {

  public static final String COLLECTION = "campaigns";

  public static final String ID = "_id";
  public static final String CLIENT_ID = "clientId";
  public static final String NAME = "name";
  public static final String LIST_ID = "listId";
  public static final String FROM_NUMBER = "fromNumber";
  public static final String WSS_URL = "wssUrl";
  public static final String STATUS = "status";
  public static final String SCHEDULED_TIME = "scheduledTime";

  /**
   * Optional: no new call after this instant (Vapi's {@code latestAt}); once it has passed the
   * campaign completes and every contact not yet reached ends {@code expired}.
   */
  public static final String END_TIME = "endTime";

  /**
   * Set when the end time completed the campaign: from then on its contacts without any attempt
   * count as {@code expired} in its progress.
   */
  public static final String EXPIRED_AT = "expiredAt";

  /**
   * Answering-machine detection, a {@link MachineDetection} wire value ({@code off}, {@code
   * hangup}, {@code bot}); absent: off.
   */
  public static final String MACHINE_DETECTION = "machineDetection";

  /** Who scheduled it: the token's subject, or on the seed routes whoever the body names. */
  public static final String SCHEDULED_BY = "scheduledBy";

  /** The subject ({@code sub}) of the token that created it; never taken from a request body. */
  public static final String CREATED_BY = "createdBy";

  /**
   * The tenant and idempotency key the campaign was created with, one string; a unique sparse index
   * makes the campaign's insert the key's claim. Absent without a key, or once the key's retention
   * has passed and it was used again.
   */
  public static final String IDEMPOTENCY_CLAIM = "idempotencyClaim";

  /** SHA-256 of the create request that carried the idempotency key. */
  public static final String REQUEST_HASH = "requestHash";

  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String STARTED_AT = "startedAt";
  public static final String COMPLETED_AT = "completedAt";
  public static final String FAILURE_REASON = "failureReason";

  /**
   * Sub-document {@code {timezone: "Asia/Kolkata", start: "09:00", end: "18:00", days: ["MONDAY",
   * …]}}: IANA zone, local {@code HH:mm} times, {@link java.time.DayOfWeek} names. Absent: no
   * window, calls at any hour.
   */
  public static final String CALLING_WINDOW = "callingWindow";

  public static final String WINDOW_TIMEZONE = "timezone";
  public static final String WINDOW_START = "start";
  public static final String WINDOW_END = "end";
  public static final String WINDOW_DAYS = "days";

  /**
   * Sub-document {@code {maxAttempts: 3, retryOn: ["busy", "no-answer"], backoffSeconds: 600}};
   * retryOn holds call-status wire values. Absent: {@link
   * com.voicecampaigns.model.call.RetryPolicy#DEFAULT}.
   */
  public static final String RETRY_POLICY = "retryPolicy";

  public static final String RETRY_MAX_ATTEMPTS = "maxAttempts";
  public static final String RETRY_ON = "retryOn";
  public static final String RETRY_BACKOFF_SECONDS = "backoffSeconds";

  /** Integer; absent means no per-campaign limit beyond the worker's own. */
  public static final String MAX_CONCURRENT_CALLS = "maxConcurrentCalls";

  /** Number (may be fractional); absent means only the account-wide limit applies. */
  public static final String CALLS_PER_SECOND = "callsPerSecond";

  /** Fencing token of the current dispatch; a worker's writes must match it. */
  public static final String DISPATCH_ID = "dispatchId";

  public static final String DISPATCHED_AT = "dispatchedAt";

  /** The worker holding the lease, and until when; {@code null} when nobody holds it. */
  public static final String WORKER_ID = "workerId";

  public static final String LEASE_UNTIL = "leaseUntil";

  /**
   * The worker that last took the campaign, cleared by that worker when it stops dialling it
   * knowingly (release, pause, cancel, completion, shutdown): a worker that takes the campaign and
   * finds another worker's id here took it over from one that died or lost its lease.
   */
  public static final String LAST_WORKER_ID = "lastWorkerId";

  /** Set when a worker released the lease until a calling window opens. */
  public static final String RESUME_AT = "resumeAt";

  /** The last contact id handed to the dialler; contacts are walked in id order. */
  public static final String CURSOR = "cursor";

  /** Set by the worker once every contact has had its first attempt claimed. */
  public static final String CONTACTS_EXHAUSTED = "contactsExhausted";

  /**
   * Attempts per call status, {@code stats.<callStatus>}: moved with {@code $inc} by every
   * transition of one of the campaign's attempts (campaign-store's call-attempt transitions).
   */
  public static final String STATS = "stats";

  /**
   * Sub-document {@code {source: "seed:plivoCampaign/<id>", note: "…"}} of a campaign imported from
   * another system ({@code POST /api/v1/campaign-imports}, the cut-over from the old service):
   * where it came from and what the operator should know. Absent on campaigns created here.
   */
  public static final String IMPORTED = "imported";

  public static final String IMPORTED_SOURCE = "source";
  public static final String IMPORTED_NOTE = "note";

  /**
   * Contacts per call status of their latest attempt, {@code contactStats.<callStatus>}: moved by
   * the same transitions, and by a retry superseding its attempt. Contacts without any attempt are
   * not in it.
   */
  public static final String CONTACT_STATS = "contactStats";

  /**
   * The version of the counters' rules the campaign was created under ({@code 1}); absent on
   * campaigns created before the counters, whose progress is recounted from the calls instead.
   */
  public static final String COUNTERS = "counters";

  /**
   * How many times the counters were moved ({@code $inc} by one with every move): a recount writes
   * only if none moved while it counted.
   */
  public static final String COUNTER_WRITES = "counterWrites";

  /**
   * How many times a recount found the counters off and mended them (absent: never): each one a
   * change the counters missed, under a MongoDB fault.
   */
  public static final String COUNTERS_MENDED = "countersMended";

  private CampaignFields() {}
}
