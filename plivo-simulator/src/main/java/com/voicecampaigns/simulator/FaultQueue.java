package com.voicecampaigns.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Injected faults, consumed one Make-Call request at a time in the order they were added. */
final class FaultQueue {

  private final Deque<Fault> pending = new ArrayDeque<>();

  synchronized void add(Fault fault) {
    pending.addLast(fault);
  }

  /** The fault for the next request, or null when none is pending. */
  synchronized Fault next() {
    Fault head = pending.pollFirst();
    if (head != null && head.count() > 1) {
      pending.addFirst(new Fault(head.status(), head.count() - 1, head.body(), head.delay()));
    }
    return head;
  }

  /** Faults still pending, each with the number of requests it still applies to. */
  synchronized List<Fault> pending() {
    return List.copyOf(pending);
  }

  synchronized void clear() {
    pending.clear();
  }
}
