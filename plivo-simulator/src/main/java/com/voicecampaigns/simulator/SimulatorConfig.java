package com.voicecampaigns.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the simulator needs to start. Start from {@link #defaults()} and change what matters
 * with the {@code withX} methods.
 *
 * @param host the address to bind, 127.0.0.1 by default
 * @param port the port to bind; 0 picks a free one (the default here; the standalone main uses
 *     8090)
 * @param authId the Plivo auth id Make-Call requests must authenticate with
 * @param authToken the Plivo auth token: the Basic auth password and the callback signing key
 * @param outcomes proportions of outcomes for numbers without a forced outcome
 * @param forcedOutcomes outcomes fixed per destination number (a leading '+' is ignored)
 * @param ringDelay from accepting a call to its answer (or, when not answered, hangup) callback
 * @param callDuration how long an answered call lasts before its hangup callback
 * @param seed the seed of the random source that picks outcomes
 * @param clock the source of the timestamps reported in callbacks and recorded on calls
 * @param callbackTimeout how long one callback request may take
 * @param hangupRetries how many times a failed hangup callback is retried
 * @param hangupRetryDelay the pause before each hangup retry
 * @param serverThreads threads serving HTTP requests (delayed faults hold one each)
 */
public record SimulatorConfig(
    String host,
    int port,
    String authId,
    String authToken,
    OutcomeWeights outcomes,
    Map<String, CallOutcome> forcedOutcomes,
    Duration ringDelay,
    Duration callDuration,
    long seed,
    Clock clock,
    Duration callbackTimeout,
    int hangupRetries,
    Duration hangupRetryDelay,
    int serverThreads) {

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
    Objects.requireNonNull(outcomes, "outcomes");
    forcedOutcomes = Map.copyOf(forcedOutcomes);
    requireNotNegative(ringDelay, "ringDelay");
    requireNotNegative(callDuration, "callDuration");
    Objects.requireNonNull(clock, "clock");
    requireNotNegative(callbackTimeout, "callbackTimeout");
    if (callbackTimeout.isZero()) {
      throw new IllegalArgumentException("callbackTimeout must be positive");
    }
    if (hangupRetries < 0) {
      throw new IllegalArgumentException("hangupRetries must be >= 0");
    }
    requireNotNegative(hangupRetryDelay, "hangupRetryDelay");
    if (serverThreads < 1) {
      throw new IllegalArgumentException("serverThreads must be >= 1");
    }
  }

  /** Port 0, 127.0.0.1, every call answered after 100 ms and hung up 2 s later, seed 42. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        "127.0.0.1",
        0,
        DEFAULT_AUTH_ID,
        DEFAULT_AUTH_TOKEN,
        OutcomeWeights.allAnswered(),
        Map.of(),
        Duration.ofMillis(100),
        Duration.ofSeconds(2),
        42L,
        Clock.systemUTC(),
        Duration.ofSeconds(5),
        2,
        Duration.ofMillis(250),
        16);
  }

  public SimulatorConfig withHost(String host) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withPort(int port) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withCredentials(String authId, String authToken) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withOutcomes(OutcomeWeights outcomes) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  /** Adds (or replaces) the forced outcome of one destination number. */
  public SimulatorConfig withForcedOutcome(String number, CallOutcome outcome) {
    Map<String, CallOutcome> forced = new HashMap<>(forcedOutcomes);
    forced.put(number, outcome);
    return withForcedOutcomes(forced);
  }

  public SimulatorConfig withForcedOutcomes(Map<String, CallOutcome> forcedOutcomes) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withRingDelay(Duration ringDelay) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withCallDuration(Duration callDuration) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withSeed(long seed) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withClock(Clock clock) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withCallbackTimeout(Duration callbackTimeout) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withHangupRetries(int hangupRetries, Duration hangupRetryDelay) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  public SimulatorConfig withServerThreads(int serverThreads) {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        outcomes,
        forcedOutcomes,
        ringDelay,
        callDuration,
        seed,
        clock,
        callbackTimeout,
        hangupRetries,
        hangupRetryDelay,
        serverThreads);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
