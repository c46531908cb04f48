package com.voicecampaigns.store.campaign;

import static com.voicecampaigns.model.campaign.CampaignStatus.CANCELLED;
import static com.voicecampaigns.model.campaign.CampaignStatus.COMPLETED;
import static com.voicecampaigns.model.campaign.CampaignStatus.FAILED;
import static com.voicecampaigns.model.campaign.CampaignStatus.PAUSED;
import static com.voicecampaigns.model.campaign.CampaignStatus.RUNNING;
import static com.voicecampaigns.model.campaign.CampaignStatus.SCHEDULED;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rows of the campaign transition table (docs/design.md) as the store applies them. A row's
 * sources are {@link CampaignStatus#sourcesOf} its target, narrowed to the row (claiming starts
 * only scheduled campaigns, although a paused one may also become running); a row the state machine
 * does not allow fails when this class loads.
 */
enum CampaignMove {
  /** scheduled → scheduled: a new time (api). */
  RESCHEDULE(SCHEDULED, EnumSet.of(SCHEDULED)),
  /** scheduled → running: due, a new dispatch (dispatcher). */
  CLAIM_DUE(RUNNING, EnumSet.of(SCHEDULED)),
  /** running → running: no live lease, a new dispatch (dispatcher). */
  RECOVER(RUNNING, EnumSet.of(RUNNING)),
  /**
   * running → running: the dispatcher could not publish its dispatch's start and gives the claim
   * back (released until now), so that the next pass recovers it with a new dispatch.
   */
  GIVE_BACK(RUNNING, EnumSet.of(RUNNING)),
  /** running → running: a worker takes, renews or releases the lease, or writes under it. */
  HOLD(RUNNING, EnumSet.of(RUNNING)),
  /** running → paused (api). */
  PAUSE(PAUSED, EnumSet.of(RUNNING)),
  /** paused → running, lease cleared so that the dispatcher restarts it (api). */
  RESUME(RUNNING, EnumSet.of(PAUSED)),
  /** scheduled, running, paused → cancelled (api). */
  CANCEL(CANCELLED, CampaignStatus.sourcesOf(CANCELLED)),
  /** running → completed: nothing left to dial (worker). */
  COMPLETE(COMPLETED, EnumSet.of(RUNNING)),
  /** running → failed: unrecoverable (worker). */
  FAIL(FAILED, EnumSet.of(RUNNING)),
  /** scheduled → failed: its list was deleted while it was created (api). */
  FAIL_UNSTARTED(FAILED, EnumSet.of(SCHEDULED)),
  /**
   * scheduled, running, paused → completed: its end time passed; contacts not reached expire
   * (dispatcher, or the worker that holds it).
   */
  END(COMPLETED, EnumSet.of(SCHEDULED, RUNNING, PAUSED));

  private final CampaignStatus target;
  private final Set<CampaignStatus> sources;

  CampaignMove(CampaignStatus target, Set<CampaignStatus> row) {
    Set<CampaignStatus> sources = EnumSet.copyOf(CampaignStatus.sourcesOf(target));
    sources.retainAll(row);
    if (!sources.equals(row)) {
      throw new IllegalStateException(
          "the state machine does not allow " + row + " → " + target + " (" + name() + ")");
    }
    this.target = target;
    this.sources = Collections.unmodifiableSet(sources);
  }

  CampaignStatus target() {
    return target;
  }

  /** The statuses the move's filter accepts. */
  Set<CampaignStatus> sources() {
    return sources;
  }

  /** The sources in their stored spelling. */
  java.util.List<String> sourceWires() {
    return sources.stream().map(CampaignStatus::wire).toList();
  }
}
