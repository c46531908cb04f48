package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The idle timeout in force, and counts of the connections it applied to. */
final class Connections {

  private final Duration configured;
  private volatile Duration idleTimeout;
  private final AtomicLong opened = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong closedIdle = new AtomicLong();

  Connections(Duration idleTimeout) {
    this.configured = idleTimeout;
    this.idleTimeout = idleTimeout;
  }

  Duration idleTimeout() {
    return idleTimeout;
  }

  /** Applies from each connection's next idle period on; zero keeps idle connections open. */
  void idleTimeout(Duration idleTimeout) {
    Durations.requireNotNegative(idleTimeout, "idleTimeout");
    this.idleTimeout = idleTimeout;
  }

  void reset() {
    idleTimeout = configured;
  }

  void opened() {
    opened.incrementAndGet();
    open.incrementAndGet();
  }

  void closed() {
    open.decrementAndGet();
  }

  void closedIdle() {
    closedIdle.incrementAndGet();
  }

  ConnectionStats stats() {
    return new ConnectionStats(opened.get(), open.get(), closedIdle.get());
  }
}
