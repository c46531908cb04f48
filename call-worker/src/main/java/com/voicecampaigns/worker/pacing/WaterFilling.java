package com.voicecampaigns.worker.pacing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a capacity among claims by water-filling (max-min fairness, weighted): the level rises for
 * everyone at once, and a claim stops rising at its own demand, leaving the rest to the others. So
 * a campaign held back by its own limit takes only what it can use, the others share what it
 * leaves, and nothing is left unused while some claim still wants more.
 */
public final class WaterFilling {

  private WaterFilling() {}

  /**
   * One claim.
   *
   * @param weight its weight (positive): at the same level, a claim of weight 2 gets twice as much
   * @param demand the most it can use (0: nothing; infinite: no limit of its own)
   */
  public record Claim(String id, double weight, double demand) {
    public Claim {
      if (!(weight > 0) || Double.isNaN(demand) || demand < 0) {
        throw new IllegalArgumentException("a claim needs a positive weight and a demand >= 0");
      }
    }
  }

  /** Each claim's share of {@code capacity}; infinite capacity gives every claim its demand. */
  public static Map<String, Double> shares(double capacity, List<Claim> claims) {
    Map<String, Double> shares = new HashMap<>();
    if (Double.isInfinite(capacity)) {
      claims.forEach(claim -> shares.put(claim.id(), claim.demand()));
      return shares;
    }
    List<Claim> rising = new ArrayList<>(claims);
    // the claim that stops first is the one with the lowest demand per unit of weight
    rising.sort(Comparator.comparingDouble(claim -> claim.demand() / claim.weight()));
    double left = Math.max(0, capacity);
    double weights = rising.stream().mapToDouble(Claim::weight).sum();
    for (Claim claim : rising) {
      double level = weights > 0 ? left / weights : 0;
      double share = Math.min(claim.demand(), level * claim.weight());
      shares.put(claim.id(), share);
      left -= share;
      weights -= claim.weight();
    }
    return shares;
  }
}
