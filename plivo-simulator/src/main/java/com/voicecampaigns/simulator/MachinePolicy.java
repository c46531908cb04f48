package com.voicecampaigns.simulator;

import java.util.Random;

/** Chooses which answered calls an answering machine picks up: forced numbers, else a share. */
final class MachinePolicy {

  private final MachineDetection configured;
  private final long seed;
  private MachineDetection setting;
  private Random random;

  MachinePolicy(MachineDetection configured, long seed) {
    this.configured = configured;
    this.seed = seed;
    reset();
  }

  synchronized boolean isMachine(String number) {
    if (setting.numbers().contains(OutcomePolicy.normalize(number))) {
      return true;
    }
    return setting.share() > 0 && random.nextDouble() < setting.share();
  }

  synchronized MachineDetection setting() {
    return setting;
  }

  synchronized void setting(MachineDetection setting) {
    this.setting = setting;
  }

  synchronized void reset() {
    setting = configured;
    random = new Random(seed);
  }
}
