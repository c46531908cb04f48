package com.voicecampaigns.worker.pacing;

/**
 * What one campaign could use of the account's rate now, as its dialling session observes it, for
 * the fair share ({@link FairShare}):
 *
 * <ul>
 *   <li>nothing while it has nothing to dial (its window is closed, its retries are not due, its
 *       list is done, the kill switch is off);
 *   <li>a quarter more than it reached lately (at least {@value #FLOOR} per second) while its own
 *       {@code maxConcurrentCalls} held it back for part of the last period: the rest of its share
 *       would go unused;
 *   <li>else its own {@code callsPerSecond} (unlimited without one).
 * </ul>
 */
public final class CampaignDemand {

  static final double FLOOR = 0.2;
  private static final double HELD_BACK = 0.2;
  private static final double SMOOTHING = 0.2;

  private final double ownRate;
  private boolean idle;
  private long sends;
  private long heldBackNanos;
  private long periodStartNanos;
  private double recentRate;

  /**
   * @param ownRate the rate its own limit allows, infinite without one
   * @param nowNanos the monotonic clock now
   */
  public CampaignDemand(double ownRate, long nowNanos) {
    this.ownRate = ownRate;
    this.periodStartNanos = nowNanos;
  }

  /** It has something to dial. */
  public synchronized void working() {
    idle = false;
  }

  /** It has nothing to dial now. */
  public synchronized void idle() {
    idle = true;
  }

  /** It sent a request. */
  public synchronized void sent() {
    idle = false;
    sends++;
  }

  /** It waited this long for its own concurrency to allow a call. */
  public synchronized void heldBack(long nanos) {
    heldBackNanos += nanos;
  }

  /** The demand for the period ending at {@code nowNanos}; a new period begins. */
  public synchronized double current(long nowNanos) {
    long period = Math.max(1, nowNanos - periodStartNanos);
    double rate = sends * 1e9 / period;
    recentRate = recentRate == 0 ? rate : (1 - SMOOTHING) * recentRate + SMOOTHING * rate;
    boolean heldBack = heldBackNanos > HELD_BACK * period;
    sends = 0;
    heldBackNanos = 0;
    periodStartNanos = nowNanos;
    if (idle) {
      return 0;
    }
    if (heldBack) {
      return Math.min(ownRate, Math.max(FLOOR, recentRate * 1.25));
    }
    return ownRate;
  }
}
