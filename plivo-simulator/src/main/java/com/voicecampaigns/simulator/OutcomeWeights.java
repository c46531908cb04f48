package com.voicecampaigns.simulator;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Relative proportions of call outcomes, e.g. {@code answered=0.7,busy=0.1,no-answer=0.1,
 * failed=0.1}. Weights need not sum to 1; outcomes left out have weight 0.
 */
public record OutcomeWeights(Map<CallOutcome, Double> weights) {

  public OutcomeWeights {
    EnumMap<CallOutcome, Double> copy = new EnumMap<>(CallOutcome.class);
    double total = 0;
    for (Map.Entry<CallOutcome, Double> entry : weights.entrySet()) {
      double weight = entry.getValue();
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "weight of " + entry.getKey().wireName() + " must be a finite number >= 0");
      }
      copy.put(entry.getKey(), weight);
      total += weight;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("at least one outcome needs a weight > 0");
    }
    weights = Map.copyOf(copy);
  }

  /** Every call is answered: the default. */
  public static OutcomeWeights allAnswered() {
    return new OutcomeWeights(Map.of(CallOutcome.ANSWERED, 1.0));
  }

  /** From wire names to weights, as in {@code {"answered":0.7,"busy":0.3}}. */
  public static OutcomeWeights of(Map<String, ? extends Number> weightsByName) {
    Map<CallOutcome, Double> weights = new EnumMap<>(CallOutcome.class);
    weightsByName.forEach(
        (name, weight) -> weights.put(CallOutcome.parse(name), weight.doubleValue()));
    return new OutcomeWeights(weights);
  }

  /** Parses {@code answered=0.7,busy=0.1,no-answer=0.1,failed=0.1}. */
  public static OutcomeWeights parse(String text) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] pair = part.split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException("expected outcome=weight but got '" + part.trim() + "'");
      }
      try {
        weights.put(pair[0].trim(), Double.parseDouble(pair[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight of " + pair[0].trim() + " is not a number");
      }
    }
    return of(weights);
  }

  public double weight(CallOutcome outcome) {
    return weights.getOrDefault(outcome, 0.0);
  }

  /** Draws an outcome; the caller owns (and synchronizes) the random source. */
  CallOutcome pick(Random random) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double point = random.nextDouble() * total;
    CallOutcome last = null;
    for (CallOutcome outcome : CallOutcome.values()) {
      double weight = weight(outcome);
      if (weight <= 0) {
        continue;
      }
      last = outcome;
      if (point < weight) {
        return outcome;
      }
      point -= weight;
    }
    return last;
  }

  /** Wire name to weight, in {@link CallOutcome} order: the admin JSON form. */
  @JsonValue
  public Map<String, Double> byName() {
    Map<String, Double> byName = new LinkedHashMap<>();
    for (CallOutcome outcome : CallOutcome.values()) {
      if (outcome.drawable()) {
        byName.put(outcome.wireName(), weight(outcome));
      }
    }
    return byName;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    byName()
        .forEach(
            (name, weight) -> {
              if (weight > 0) {
                text.append(text.isEmpty() ? "" : ",").append(name).append('=').append(weight);
              }
            });
    return text.toString();
  }
}
