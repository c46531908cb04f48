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
  private volatile Runnable changed = () -> {};

  Connections(Duration idleTimeout) {
    this.configured = idleTimeout;
    this.idleTimeout = idleTimeout;
  }

  Duration idleTimeout() {
    return idleTimeout;
  }

  /** Applies at once: a connection idle now is closed once idle this long from now; zero: never. */
  void idleTimeout(Duration idleTimeout) {
    Durations.requireNotNegative(idleTimeout, "idleTimeout");
    this.idleTimeout = idleTimeout;
    changed.run();
  }

  void reset() {
    idleTimeout(configured);
  }

  /** What the server does when the timeout changes: re-arm its idle connections. */
  void onChange(Runnable changed) {
    this.changed = changed;
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
