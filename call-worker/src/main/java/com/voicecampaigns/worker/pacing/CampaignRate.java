package com.voicecampaigns.worker.pacing;

import java.time.Instant;

/**
 * When one campaign's next request may go, on MongoDB's clock: its own {@code callsPerSecond}
 * ({@link CampaignPacer}) and its share of the account's rate ({@link FairShare}, taken in turns by
 * {@link ShareTurns}), whichever is later. It also tells the share what the campaign could use
 * ({@link CampaignDemand}). One per dialling session; used by its thread alone.
 */
public final class CampaignRate {

  private final String campaignId;
  private final CampaignPacer own;
  private final ShareTurns turns = new ShareTurns();
  private final CampaignDemand demand;
  private final FairShare fairShare;
  private final ServerClock clock;

  CampaignRate(
      String campaignId,
      String clientId,
      CampaignPacer own,
      FairShare fairShare,
      ServerClock clock) {
    this.campaignId = campaignId;
    this.own = own;
    this.fairShare = fairShare;
    this.clock = clock;
    this.demand = new CampaignDemand(own.rate(), System.nanoTime());
    fairShare.join(campaignId, clientId, demand);
  }

  /** The campaign's share of the account's rate now (infinite without an account limit). */
  public double share() {
    return fairShare.shareOf(campaignId);
  }

  /**
   * When the campaign's next turn is due (MongoDB's clock), or {@code null} while it has no share
   * yet (the split is recomputed within a refresh interval).
   */
  public Instant nextTurn() {
    double share = share();
    if (share <= 0) {
      return null;
    }
    Instant now = clock.now();
    Instant turn = turns.next(share, now);
    Instant allowed = own.nextAllowed();
    return allowed.isAfter(turn) ? allowed : turn;
  }

  /** The turn due now was used for a request that is about to be sent. */
  public void taken() {
    turns.taken(share(), clock.now());
  }

  /** The campaign's request is being sent now. */
  public void sent() {
    own.sent(clock.now());
    demand.sent();
  }

  /** The campaign has something to dial. */
  public void working() {
    demand.working();
  }

  /** The campaign has nothing to dial now: its share goes to the others. */
  public void idle() {
    demand.idle();
  }

  /** The campaign waited this long for its own concurrency limit. */
  public void heldBack(long nanos) {
    demand.heldBack(nanos);
  }

  /** The session ended: the campaign no longer takes part in the split here. */
  public void close() {
    fairShare.leave(campaignId);
  }
}
