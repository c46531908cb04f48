package com.voicecampaigns.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Which fault, if any, the next Make-Call request gets: queued faults first, in the order they were
 * added, then a draw from the standing {@link FaultShares}.
 */
final class FaultQueue {

  private final Deque<Fault> pending = new ArrayDeque<>();
  private final long seed;
  private FaultShares shares;
  private Random random;

  FaultQueue(FaultShares shares, long seed) {
    this.seed = seed;
    reset(shares);
  }

  synchronized void add(Fault fault) {
    pending.addLast(fault);
  }

  /** The fault for the next request, or null when it is served normally. */
  synchronized Fault next() {
    Fault head = pending.pollFirst();
    if (head == null) {
      return shares.draw(random);
    }
    if (head.count() > 1) {
      pending.addFirst(head.withCount(head.count() - 1));
    }
    return head.withCount(1);
  }

  /** Faults still pending, each with the number of requests it still applies to. */
  synchronized List<Fault> pending() {
    return List.copyOf(pending);
  }

  synchronized void clear() {
    pending.clear();
  }

  synchronized FaultShares shares() {
    return shares;
  }

  synchronized void shares(FaultShares shares) {
    this.shares = shares;
  }

  /** No queued faults, {@code shares} standing, the random source back at its seed. */
  synchronized void reset(FaultShares shares) {
    pending.clear();
    this.shares = shares;
    this.random = new Random(seed);
  }
}
