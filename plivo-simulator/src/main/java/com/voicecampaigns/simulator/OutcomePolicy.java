package com.voicecampaigns.simulator;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Chooses each call's outcome: forced per number first, else drawn from seeded weights. */
final class OutcomePolicy {

  private final SimulatorConfig config;
  private final Map<String, CallOutcome> forced = new ConcurrentHashMap<>();
  private volatile OutcomeWeights weights;
  private Random random;

  OutcomePolicy(SimulatorConfig config) {
    this.config = config;
    reset();
  }

  synchronized void reset() {
    weights = config.calls().outcomes();
    random = new Random(config.seed());
    forced.clear();
    config.calls().forcedOutcomes().forEach(this::force);
  }

  CallOutcome pick(String number) {
    CallOutcome outcome = forced.get(normalize(number));
    if (outcome != null) {
      return outcome;
    }
    synchronized (this) {
      return weights.pick(random);
    }
  }

  OutcomeWeights weights() {
    return weights;
  }

  void weights(OutcomeWeights weights) {
    this.weights = weights;
  }

  void force(String number, CallOutcome outcome) {
    forced.put(normalize(number), outcome);
  }

  synchronized void replaceForced(Map<String, CallOutcome> outcomes) {
    forced.clear();
    outcomes.forEach(this::force);
  }

  Map<String, CallOutcome> forced() {
    return new TreeMap<>(forced);
  }

  /** Numbers compare without spaces and without a leading '+': Plivo accepts both forms. */
  static String normalize(String number) {
    String compact = number.replace(" ", "");
    return compact.startsWith("+") ? compact.substring(1) : compact;
  }
}
