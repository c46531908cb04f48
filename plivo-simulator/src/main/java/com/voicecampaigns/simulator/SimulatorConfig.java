package com.voicecampaigns.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything the simulator needs to start. Start from {@link #defaults()} and change what matters
 * with the {@code withX} methods. What can also change at run time (outcomes, faults, latency, the
 * idle timeout, limits, machines) starts from here and returns here on {@link
 * PlivoSimulator#reset}.
 *
 * @param host the address to bind, 127.0.0.1 by default
 * @param port the port to bind; 0 picks a free one (the default here; the standalone main uses
 *     8090)
 * @param authId the Plivo auth id Make-Call requests must authenticate with
 * @param authToken the Plivo auth token: the Basic auth password and the callback signing key
 * @param seed the seed of every random source (outcomes, machines, fault shares, jitter)
 * @param clock the source of the timestamps reported in callbacks and recorded on calls
 * @param serverThreads event-loop threads serving connections and requests (waits never hold one:
 *     answers are scheduled)
 * @param auditLog the append-only JSON-lines audit log, or null for none
 * @param calls how placed calls play out
 * @param machines which answered calls a machine picks up, when detection is asked for
 * @param api latency, standing faults and keep-alive of the HTTP API
 * @param limits the account's API request and concurrent call limits
 * @param callbacks callback timeout and hangup retries
 */
public record SimulatorConfig(
    String host,
    int port,
    String authId,
    String authToken,
    long seed,
    Clock clock,
    int serverThreads,
    Path auditLog,
    CallBehaviour calls,
    MachineDetection machines,
    ApiBehaviour api,
    AccountLimits limits,
    CallbackPolicy callbacks) {

  /** Looks like a Plivo main-account id (plivo-java checks the "MA" prefix and 20 chars). */
  public static final String DEFAULT_AUTH_ID = "MASIMULATORLOCAL0001";

  /** A token for local use only; never a real credential. */
  public static final String DEFAULT_AUTH_TOKEN = "simulator-local-auth-token-not-a-secret0";

  public SimulatorConfig {
    requireText(host, "host");
    requireText(authId, "authId");
    requireText(authToken, "authToken");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    Objects.requireNonNull(clock, "clock");
    if (serverThreads < 1) {
      throw new IllegalArgumentException("serverThreads must be >= 1");
    }
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(machines, "machines");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(callbacks, "callbacks");
  }

  /**
   * Port 0, 127.0.0.1, every call answered after 100 ms and hung up 2 s later, seed 42; answers at
   * once, no faults, no limits, no machines, no audit log.
   */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        "127.0.0.1",
        0,
        DEFAULT_AUTH_ID,
        DEFAULT_AUTH_TOKEN,
        42L,
        Clock.systemUTC(),
        4,
        null,
        CallBehaviour.defaults(),
        MachineDetection.none(),
        ApiBehaviour.defaults(),
        AccountLimits.none(),
        CallbackPolicy.defaults());
  }

  public SimulatorConfig withHost(String host) {
    return with(b -> b.host = host);
  }

  public SimulatorConfig withPort(int port) {
    return with(b -> b.port = port);
  }

  public SimulatorConfig withCredentials(String authId, String authToken) {
    return with(
        b -> {
          b.authId = authId;
          b.authToken = authToken;
        });
  }

  public SimulatorConfig withSeed(long seed) {
    return with(b -> b.seed = seed);
  }

  public SimulatorConfig withClock(Clock clock) {
    return with(b -> b.clock = clock);
  }

  public SimulatorConfig withServerThreads(int serverThreads) {
    return with(b -> b.serverThreads = serverThreads);
  }

  /** Appends every request, answer and callback to {@code auditLog} as JSON lines. */
  public SimulatorConfig withAuditLog(Path auditLog) {
    return with(b -> b.auditLog = auditLog);
  }

  public SimulatorConfig withCalls(CallBehaviour calls) {
    return with(b -> b.calls = calls);
  }

  public SimulatorConfig withOutcomes(OutcomeWeights outcomes) {
    return withCalls(calls.withOutcomes(outcomes));
  }

  /** Adds (or replaces) the forced outcome of one destination number. */
  public SimulatorConfig withForcedOutcome(String number, CallOutcome outcome) {
    return withCalls(calls.withForcedOutcome(number, outcome));
  }

  public SimulatorConfig withForcedOutcomes(Map<String, CallOutcome> forcedOutcomes) {
    return withCalls(calls.withForcedOutcomes(forcedOutcomes));
  }

  public SimulatorConfig withRingDelay(Duration ringDelay) {
    return withCalls(calls.withRingDelay(ringDelay));
  }

  public SimulatorConfig withCallDuration(Duration callDuration) {
    return withCalls(calls.withCallDuration(callDuration));
  }

  public SimulatorConfig withMachines(MachineDetection machines) {
    return with(b -> b.machines = machines);
  }

  /** A share of answered calls, and these numbers always, are answering machines. */
  public SimulatorConfig withMachines(double share, Set<String> numbers) {
    return withMachines(machines.withShare(share).withNumbers(numbers));
  }

  public SimulatorConfig withApi(ApiBehaviour api) {
    return with(b -> b.api = api);
  }

  /** Make Call answers after {@code latency} ± {@code jitter}. */
  public SimulatorConfig withLatency(Duration latency, Duration jitter) {
    return withApi(api.withLatency(latency, jitter));
  }

  public SimulatorConfig withFaultShares(FaultShares faultShares) {
    return withApi(api.withFaultShares(faultShares));
  }

  public SimulatorConfig withFaultHold(Duration faultHold) {
    return withApi(api.withFaultHold(faultHold));
  }

  /** Keep-alive connections idle this long are closed by the server; zero keeps them. */
  public SimulatorConfig withIdleTimeout(Duration idleTimeout) {
    return withApi(api.withIdleTimeout(idleTimeout));
  }

  public SimulatorConfig withLimits(AccountLimits limits) {
    return with(b -> b.limits = limits);
  }

  /** At most {@code requests} API requests in any {@code window}; more answer 429. */
  public SimulatorConfig withApiRequestLimit(int requests, Duration window) {
    return withLimits(limits.withApiRequests(requests, window));
  }

  public SimulatorConfig withMaxConcurrentCalls(int maxConcurrentCalls) {
    return withLimits(limits.withMaxConcurrentCalls(maxConcurrentCalls));
  }

  public SimulatorConfig withCallbackTimeout(Duration callbackTimeout) {
    return with(
        b ->
            b.callbacks =
                new CallbackPolicy(
                    callbackTimeout, callbacks.hangupRetries(), callbacks.hangupRetryDelay()));
  }

  public SimulatorConfig withHangupRetries(int hangupRetries, Duration hangupRetryDelay) {
    return with(
        b ->
            b.callbacks = new CallbackPolicy(callbacks.timeout(), hangupRetries, hangupRetryDelay));
  }

  private SimulatorConfig with(Consumer<SimulatorConfigCopy> change) {
    SimulatorConfigCopy builder = new SimulatorConfigCopy(this);
    change.accept(builder);
    return builder.build();
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
