package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptDocument.Start;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.call.CallTarget;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignLeases;
import com.voicecampaigns.store.campaign.Lease;
import com.voicecampaigns.store.contact.ContactDocument;
import com.voicecampaigns.store.contact.ContactStore;
import com.voicecampaigns.worker.WorkerProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Chooses what a session dials next, claimed for its lease: due retries first (pending attempts,
 * oldest due first), then the next contacts of the list, each only while its calling window is open
 * in the contact's zone. A contact outside its window gets a pending first attempt at the window's
 * next opening; when the campaign's own window is closed, the walk waits for it.
 */
final class AttemptPicker implements AutoCloseable {

  private static final Duration PENDING_POLL = Duration.ofMillis(500);

  private final SessionLease session;
  private final Lease lease;
  private final CampaignDocument campaign;
  private final CallingHours hours;
  private final CallAttemptStore attempts;
  private final CampaignLeases leases;
  private final Clock clock;
  private final ContactWalk walk;
  private boolean exhausted;
  private Instant walkBlockedUntil;
  private Instant nextPendingPoll = Instant.MIN;

  private AttemptPicker(
      SessionLease session, CampaignDocument campaign, CallingHours hours, Factory factory) {
    this.session = session;
    this.lease = session.lease();
    this.campaign = campaign;
    this.hours = hours;
    this.attempts = factory.attempts;
    this.leases = factory.leases;
    this.clock = factory.clock;
    this.exhausted = campaign.contactsExhausted();
    this.walk =
        new ContactWalk(
            factory.contacts,
            campaign.listId(),
            campaign.cursor(),
            factory.batchSize,
            ids -> factory.reads.contactsWithFirstAttempt(lease.campaignId(), ids),
            position -> leases.saveCursor(lease, position, clock.instant()));
  }

  /** Builds the pickers of the sessions. */
  @Component
  static class Factory {

    private final CallAttemptStore attempts;
    private final CallAttemptReads reads;
    private final ContactStore contacts;
    private final CampaignLeases leases;
    private final int batchSize;
    private final Clock clock;

    Factory(
        CallAttemptStore attempts,
        CallAttemptReads reads,
        ContactStore contacts,
        CampaignLeases leases,
        WorkerProperties properties,
        Clock clock) {
      this.attempts = attempts;
      this.reads = reads;
      this.contacts = contacts;
      this.leases = leases;
      this.batchSize = properties.contactBatchSize();
      this.clock = clock;
    }

    AttemptPicker picker(SessionLease session, CampaignDocument campaign, CallingHours hours) {
      return new AttemptPicker(session, campaign, hours, this);
    }
  }

  /** The next attempt to dial now, claimed for this lease; empty when none can be dialled now. */
  Optional<CallAttemptDocument> next(Instant now) {
    while (!now.isBefore(nextPendingPoll)) {
      Optional<CallAttemptDocument> due = attempts.claimDuePending(lease, now);
      if (due.isEmpty()) {
        nextPendingPoll = now.plus(PENDING_POLL);
        break;
      }
      CallAttemptDocument attempt = due.get();
      if (hours.callableAt(now, attempt.contactZone())) {
        return due;
      }
      attempts.requeue(attempt.id(), lease, hours.nextCallable(now, attempt.contactZone()));
    }
    if (exhausted || (walkBlockedUntil != null && now.isBefore(walkBlockedUntil))) {
      return Optional.empty();
    }
    walkBlockedUntil = null;
    while (!session.stopped()) {
      ContactDocument contact = walk.peek();
      if (contact == null) {
        exhausted = leases.markContactsExhausted(lease, clock.instant());
        if (!exhausted) {
          session.stopWithCurrentReason();
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
        attempts.insert(firstAttempt(contact, Start.pendingUntil(opening), now));
        walk.advance();
        continue;
      }
      CallAttemptDocument attempt = firstAttempt(contact, Start.dialing(lease), now);
      walk.advance();
      if (attempts.insert(attempt)) {
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
      leases.saveCursor(lease, walk.position(), clock.instant());
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
