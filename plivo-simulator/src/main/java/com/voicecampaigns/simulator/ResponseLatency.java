package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.Random;

/** How long each Make-Call answer waits: a fixed latency, optionally with uniform jitter. */
final class ResponseLatency {

  /**
   * @param latency the middle of the range
   * @param jitter answers wait {@code latency ± jitter}, never below zero
   */
  record Setting(Duration latency, Duration jitter) {
    Setting {
      Durations.requireNotNegative(latency, "latency");
      Durations.requireNotNegative(jitter, "jitter");
    }
  }

  private final Setting configured;
  private final long seed;
  private Setting setting;
  private Random random;

  ResponseLatency(ApiBehaviour api, long seed) {
    this.configured = new Setting(api.latency(), api.jitter());
    this.seed = seed;
    reset();
  }

  synchronized Setting setting() {
    return setting;
  }

  synchronized void setting(Setting setting) {
    this.setting = setting;
  }

  synchronized void reset() {
    setting = configured;
    random = new Random(seed);
  }

  /** The wait of the next answer. */
  synchronized Duration next() {
    long jitter = setting.jitter().toNanos();
    if (jitter == 0) {
      return setting.latency();
    }
    long offset = (long) ((random.nextDouble() * 2 - 1) * jitter);
    return Duration.ofNanos(Math.max(0, setting.latency().toNanos() + offset));
  }
}
