package com.voicecampaigns.store.campaign;

/**
 * A lease just taken.
 *
 * @param previousWorkerId the worker that held the campaign before and never let it go knowingly
 *     (it died, or lost its lease), {@code null} when there was none or it was this worker
 */
public record TakenLease(Lease lease, String previousWorkerId) {

  /** Whether the campaign was taken over from another worker. */
  public boolean takeover() {
    return previousWorkerId != null;
  }
}
