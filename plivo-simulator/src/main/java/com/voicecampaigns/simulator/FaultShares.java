package com.voicecampaigns.simulator;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Standing faults: each Make-Call request that no queued fault claims gets fault {@code f} with
 * probability {@code shares.get(f)}, e.g. {@code 504-after-placing=0.08,500=0.08,429=0.1}. The
 * shares may sum to at most 1; the rest of the requests are served normally.
 *
 * @param shares fault wire name to probability, in the order given
 */
public record FaultShares(Map<String, Double> shares) {

  public FaultShares {
    Map<String, Double> copy = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, Double> entry : shares.entrySet()) {
      Fault fault = Fault.parse(entry.getKey());
      double share = entry.getValue();
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(
            "share of " + fault.name() + " must be between 0 and 1, got " + share);
      }
      copy.put(fault.name(), share);
      total += share;
    }
    if (total > 1 + 1e-9) {
      throw new IllegalArgumentException("fault shares add up to " + total + ", more than 1");
    }
    shares = java.util.Collections.unmodifiableMap(copy);
  }

  public static FaultShares none() {
    return new FaultShares(Map.of());
  }

  /** Parses {@code 504-after-placing=0.08,500=0.08,429=0.1}; blank means none. */
  public static FaultShares parse(String text) {
    Map<String, Double> shares = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] pair = part.split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException("expected fault=share but got '" + part.trim() + "'");
      }
      try {
        shares.put(pair[0].trim(), Double.parseDouble(pair[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("share of " + pair[0].trim() + " is not a number");
      }
    }
    return new FaultShares(shares);
  }

  /** The fault for one request, or null; the caller owns (and synchronizes) the random source. */
  Fault draw(Random random) {
    if (shares.isEmpty()) {
      return null;
    }
    double point = random.nextDouble();
    for (Map.Entry<String, Double> entry : shares.entrySet()) {
      if (point < entry.getValue()) {
        return Fault.parse(entry.getKey());
      }
      point -= entry.getValue();
    }
    return null;
  }

  @JsonValue
  @Override
  public Map<String, Double> shares() {
    return shares;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    shares.forEach(
        (name, share) ->
            text.append(text.isEmpty() ? "" : ",").append(name).append('=').append(share));
    return text.toString();
  }
}
