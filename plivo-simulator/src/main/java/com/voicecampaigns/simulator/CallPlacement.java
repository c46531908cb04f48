package com.voicecampaigns.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records Make-Call requests: places their calls (outcome, machine, the concurrent call limit),
 * writes them to the audit log, and starts each call's lifecycle; or records a refusal.
 */
final class CallPlacement {

  private final Clock clock;
  private final CallRegistry registry;
  private final OutcomePolicy outcomes;
  private final MachinePolicy machines;
  private final ActiveCalls active;
  private final CallLifecycle lifecycle;
  private final AuditLogWriter audit;

  CallPlacement(
      Clock clock,
      CallRegistry registry,
      OutcomePolicy outcomes,
      MachinePolicy machines,
      ActiveCalls active,
      CallLifecycle lifecycle,
      AuditLogWriter audit) {
    this.clock = clock;
    this.registry = registry;
    this.outcomes = outcomes;
    this.machines = machines;
    this.active = active;
    this.lifecycle = lifecycle;
    this.audit = audit;
  }

  /**
   * Places one call per destination number, before any answer is sent, as Plivo does: the call goes
   * ahead even if the client stops waiting.
   *
   * @param status what the request will be answered (201, or a fault's)
   * @param fault the wire name of the fault that answers instead, or null
   */
  List<CallRecord> place(Arrival arrival, MakeCallRequest request, int status, String fault) {
    List<CallRecord> calls = new ArrayList<>();
    Instant placedAt = clock.instant();
    long placedNanos = System.nanoTime(); // one request's calls are placed together
    for (String number : request.to()) {
      CallOutcome outcome = active.admit() ? outcomes.pick(number) : CallOutcome.CONCURRENCY_LIMIT;
      Boolean machine =
          request.machineDetection() == null || outcome != CallOutcome.ANSWERED
              ? null
              : machines.isMachine(number);
      Placement placement =
          new Placement(
              UUID.randomUUID().toString(),
              UUID.randomUUID().toString(),
              placedAt,
              placedNanos,
              outcome,
              machine);
      calls.add(
          registry.add(
              sequence ->
                  new CallRecord(sequence, arrival, request, number, status, fault, placement)));
    }
    audit.request(arrival, request, status, fault, calls);
    calls.forEach(lifecycle::begin);
    return calls;
  }

  /** Records a request that placed no call. */
  CallRecord refuse(Arrival arrival, MakeCallRequest request, int status, String fault) {
    CallRecord record =
        registry.add(
            sequence ->
                new CallRecord(
                    sequence, arrival, request, request.params().get("to"), status, fault, null));
    audit.request(arrival, request, status, fault, List.of());
    return record;
  }
}
