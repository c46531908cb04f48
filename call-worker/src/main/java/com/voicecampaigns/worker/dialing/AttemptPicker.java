package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptDocument.Start;
import com.voicecampaigns.store.call.CallTarget;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.store.contact.ContactDocument;
import com.voicecampaigns.worker.lease.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Chooses what a session dials next, claimed for its lease: due retries first (pending attempts,
 * oldest due first), then the next contacts of the list, each only while its calling window is open
 * in the contact's zone. A contact outside its window gets a pending first attempt at the window's
 * next opening; when the campaign's own window is closed, the walk waits for it.
 */
final class AttemptPicker implements AutoCloseable {

  private static final Duration PENDING_POLL = Duration.ofMillis(500);

  private final DialingSession session;
  private final DialingServices services;
  private final Lease lease;
  private final CampaignDocument campaign;
  private final CallingHours hours;
  private final ContactWalk walk;
  private boolean exhausted;
  private Instant walkBlockedUntil;
  private Instant nextPendingPoll = Instant.MIN;

  AttemptPicker(DialingSession session, CampaignDocument campaign, CallingHours hours) {
    this.session = session;
    this.services = session.services();
    this.lease = session.lease();
    this.campaign = campaign;
    this.hours = hours;
    this.exhausted = campaign.contactsExhausted();
    this.walk =
        new ContactWalk(
            services.contacts(),
            campaign.listId(),
            campaign.cursor(),
            services.properties().contactBatchSize(),
            ids -> services.attemptReads().contactsWithFirstAttempt(lease.campaignId(), ids),
            position -> services.leases().saveCursor(lease, position, services.clock().instant()));
  }

  /** The next attempt to dial now, claimed for this lease; empty when none can be dialled now. */
  Optional<CallAttemptDocument> next(Instant now) {
    while (!now.isBefore(nextPendingPoll)) {
      Optional<CallAttemptDocument> due = services.attempts().claimDuePending(lease, now);
      if (due.isEmpty()) {
        nextPendingPoll = now.plus(PENDING_POLL);
        break;
      }
      CallAttemptDocument attempt = due.get();
      if (hours.callableAt(now, attempt.contactZone())) {
        return due;
      }
      services.attempts().requeue(attempt.id(), hours.nextCallable(now, attempt.contactZone()));
    }
    if (exhausted || (walkBlockedUntil != null && now.isBefore(walkBlockedUntil))) {
      return Optional.empty();
    }
    walkBlockedUntil = null;
    while (!session.stopped()) {
      ContactDocument contact = walk.peek();
      if (contact == null) {
        exhausted = services.leases().markContactsExhausted(lease, services.clock().instant());
        if (!exhausted) {
          session.stop(Optional.ofNullable(session.checkNow()).orElse(StopReason.LEASE_LOST));
        }
        return Optional.empty();
      }
      if (walk.claimed(contact)) {
        walk.advance();
        continue;
      }
      ZoneId zone = CallTarget.zoneOrNull(contact.timezone());
      if (!hours.callableAt(now, zone)) {
        Instant opening = hours.nextCallable(now, zone);
        if (hours.inCampaignZone(zone)) {
          // the campaign's own window is closed: every later contact of its zone waits as well
          walkBlockedUntil = opening;
          saveCursor();
          return Optional.empty();
        }
        services.attempts().insert(firstAttempt(contact, Start.pendingUntil(opening), now));
        walk.advance();
        continue;
      }
      CallAttemptDocument attempt = firstAttempt(contact, Start.dialing(lease), now);
      walk.advance();
      if (services.attempts().insert(attempt)) {
        return Optional.of(attempt);
      }
    }
    return Optional.empty();
  }

  /** Whether every contact has had its first attempt created. */
  boolean exhausted() {
    return exhausted;
  }

  /** Until when the walk waits for the campaign's window, {@code null} when it does not. */
  Instant walkBlockedUntil() {
    return walkBlockedUntil;
  }

  /** Polls the pending attempts again at the next call of {@link #next}. */
  void pollPendingNow() {
    nextPendingPoll = Instant.MIN;
  }

  /** Remembers the walk's position on the campaign, for the next worker or dispatch. */
  void saveCursor() {
    if (walk.position() != null) {
      services.leases().saveCursor(lease, walk.position(), services.clock().instant());
    }
  }

  @Override
  public void close() {
    walk.close();
  }

  private CallAttemptDocument firstAttempt(ContactDocument contact, Start start, Instant now) {
    ZoneId zone = CallTarget.zoneOrNull(contact.timezone());
    CallTarget target =
        new CallTarget(
            lease.campaignId(),
            campaign.clientId(),
            contact.id(),
            contact.phone(),
            campaign.fromNumber(),
            zone == null ? null : zone.getId());
    return CallAttemptDocument.first(target, start, now);
  }
}
