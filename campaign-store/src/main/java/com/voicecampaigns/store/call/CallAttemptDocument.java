package com.voicecampaigns.store.call;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.campaign.Lease;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One call attempt: campaign × contact × attempt number, unique. Its {@code id} is the call id in
 * the callback URLs. Field names are {@link CallFields}'. New attempts are built in named steps
 * ({@link #first}, {@link #retry}); everything after the claim is written by the store's
 * conditional updates.
 *
 * @param contactTimezone the contact's own IANA zone, {@code null} for the campaign's
 * @param dispatchId the dispatch whose worker claimed it for dialling
 * @param notBefore a pending attempt is not dialled before this
 * @param dialedAt when the last Make-Call request for it was started
 * @param requestStartedAt when the current claim started its Make-Call request; {@code null} while
 *     the claim has sent none (so nothing was sent under it)
 * @param requestUuid Plivo's answer to the request
 * @param callUuid the call Plivo's callbacks are about
 * @param plivoRequests how many Make-Call requests were sent for this attempt
 * @param unknownSince when the attempt became {@code unknown}
 * @param redialedAs the attempt an operator's redial of this {@code unknown} one created
 * @param superseded a later attempt of the same contact exists ({@code null} or false: this is the
 *     contact's latest)
 * @param machine Plivo's machine detection reported an answering machine on the call
 */
@Document(CallFields.COLLECTION)
public record CallAttemptDocument(
    @Id String id,
    String campaignId,
    String clientId,
    String contactId,
    int attempt,
    CallStatus status,
    String to,
    String from,
    String contactTimezone,
    String dispatchId,
    String workerId,
    Instant notBefore,
    Instant createdAt,
    Instant dialedAt,
    Instant requestStartedAt,
    Instant answeredAt,
    Instant endedAt,
    String requestUuid,
    String callUuid,
    String hangupCause,
    Integer durationSeconds,
    String error,
    Integer plivoRequests,
    Instant unknownSince,
    String redialedAs,
    Boolean superseded,
    Boolean machine) {

  /** Whether a later attempt of the same contact exists. */
  public boolean isSuperseded() {
    return Boolean.TRUE.equals(superseded);
  }

  /** The first attempt at {@code target}; {@code start} says whether it is dialled now. */
  public static CallAttemptDocument first(CallTarget target, Start start, Instant now) {
    return create(target, 1, start, now);
  }

  /** The next attempt for the same contact, {@code pending} until {@code notBefore}. */
  public CallAttemptDocument retry(Instant notBefore, Instant now) {
    return create(target(), attempt + 1, Start.pendingUntil(notBefore), now);
  }

  /** Whom the attempt calls. */
  public CallTarget target() {
    return new CallTarget(campaignId, clientId, contactId, to, from, contactTimezone);
  }

  /** The contact's zone, or {@code null} for the campaign's. */
  public ZoneId contactZone() {
    return CallTarget.zoneOrNull(contactTimezone);
  }

  private static CallAttemptDocument create(
      CallTarget target, int attempt, Start start, Instant now) {
    Objects.requireNonNull(start, "start");
    return new CallAttemptDocument(
        Ids.newId(),
        target.campaignId(),
        target.clientId(),
        target.contactId(),
        attempt,
        start.status(),
        target.to(),
        target.from(),
        target.contactTimezone(),
        start.lease() == null ? null : start.lease().dispatchId(),
        start.lease() == null ? null : start.lease().workerId(),
        start.notBefore(),
        now,
        Outcome.NONE.dialedAt(),
        Outcome.NONE.dialedAt(),
        Outcome.NONE.answeredAt(),
        Outcome.NONE.endedAt(),
        Outcome.NONE.requestUuid(),
        Outcome.NONE.callUuid(),
        Outcome.NONE.hangupCause(),
        Outcome.NONE.durationSeconds(),
        Outcome.NONE.error(),
        0,
        Outcome.NONE.unknownSince(),
        Outcome.NONE.redialedAs(),
        null,
        null);
  }

  /** How a new attempt begins: claimed under a lease to be dialled now, or pending until a time. */
  public record Start(CallStatus status, Lease lease, Instant notBefore) {

    public Start {
      if (status == CallStatus.DIALING ? lease == null : status != CallStatus.PENDING) {
        throw new IllegalArgumentException("an attempt starts dialling under a lease, or pending");
      }
    }

    /** Claimed by {@code lease}'s worker, to be dialled now. */
    public static Start dialing(Lease lease) {
      return new Start(CallStatus.DIALING, Objects.requireNonNull(lease, "lease"), null);
    }

    /** Waiting to be dialled at {@code notBefore}. */
    public static Start pendingUntil(Instant notBefore) {
      return new Start(CallStatus.PENDING, null, Objects.requireNonNull(notBefore, "notBefore"));
    }
  }

  /** What nobody knows of a new attempt yet: the store's updates write these fields later. */
  private record Outcome(
      Instant dialedAt,
      Instant answeredAt,
      Instant endedAt,
      String requestUuid,
      String callUuid,
      String hangupCause,
      Integer durationSeconds,
      String error,
      Instant unknownSince,
      String redialedAs) {
    static final Outcome NONE =
        new Outcome(null, null, null, null, null, null, null, null, null, null);
  }
}
