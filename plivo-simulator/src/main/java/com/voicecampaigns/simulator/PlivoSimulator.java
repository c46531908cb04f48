package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Plivo Voice API: the Make-Call endpoint, signed answer, hangup and
 * machine-detection callbacks, configurable outcomes, latency, faults, account limits and idle
 * keep-alive timeout, and an audit log. Start it on port 0 in a test and point plivo-java at {@link
 * #apiUrl()}:
 *
 * <pre>{@code
 * try (PlivoSimulator plivo = PlivoSimulator.start(SimulatorConfig.defaults())) {
 *   // … place calls against plivo.apiUrl() with plivo.authId() / plivo.authToken()
 *   await().until(() -> plivo.calls().size() == 1);
 * }
 * }</pre>
 *
 * Every setter here is also an admin route ({@code /__admin/…}); {@link #reset()} returns all of
 * them to the {@link SimulatorConfig}.
 */
public final class PlivoSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PlivoSimulator.class);

  private final SimulatorRuntime runtime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PlivoSimulator(SimulatorConfig config) {
    this.runtime = new SimulatorRuntime(config);
    runtime.serve(new AdminHandler(this, runtime.mapper));
  }

  /**
   * Binds and starts a simulator.
   *
   * @throws SimulatorStartException when the address cannot be bound (e.g. the port is in use)
   */
  public static PlivoSimulator start(SimulatorConfig config) {
    PlivoSimulator simulator = new PlivoSimulator(config);
    log.info(
        "Plivo simulator listening on {} (auth id {}, outcomes {})",
        simulator.apiUrl(),
        config.authId(),
        config.calls().outcomes());
    return simulator;
  }

  /** Starts a simulator with {@link SimulatorConfig#defaults()} on a free port. */
  public static PlivoSimulator start() {
    return start(SimulatorConfig.defaults());
  }

  public SimulatorConfig config() {
    return runtime.config;
  }

  /** The bound port (the free port picked when configured with 0). */
  public int port() {
    return runtime.port();
  }

  /** {@code http://127.0.0.1:<port>} (the bound host; 127.0.0.1 when bound to every address). */
  public String baseUrl() {
    return runtime.baseUrl();
  }

  /** {@code http://127.0.0.1:<port>/v1/}: the counterpart of {@code https://api.plivo.com/v1/}. */
  public String apiUrl() {
    return baseUrl() + "/v1/";
  }

  public String authId() {
    return runtime.config.authId();
  }

  public String authToken() {
    return runtime.config.authToken();
  }

  /** Every Make-Call request received so far, in order of receipt (an immutable snapshot). */
  public List<SimulatedCall> calls() {
    return runtime.registry.snapshot();
  }

  /** The recorded requests for one destination number ('+' and spaces are ignored). */
  public List<SimulatedCall> callsTo(String number) {
    String wanted = OutcomePolicy.normalize(number);
    return calls().stream()
        .filter(call -> call.to() != null && OutcomePolicy.normalize(call.to()).equals(wanted))
        .toList();
  }

  /** The next {@code count} Make-Call requests answer {@code status} with a Plivo error body. */
  public void failNext(int status, int count) {
    failNext(Fault.of(status, count));
  }

  /** Queues a fault; queued faults apply in order, before any {@link #faultShares} draw. */
  public void failNext(Fault fault) {
    runtime.faults.add(fault);
  }

  public List<Fault> pendingFaults() {
    return runtime.faults.pending();
  }

  /** Drops the queued faults (the standing shares stay). */
  public void clearFaults() {
    runtime.faults.clear();
  }

  public FaultShares faultShares() {
    return runtime.faults.shares();
  }

  /** Replaces the standing faults each request may draw; {@link FaultShares#none()} ends them. */
  public void faultShares(FaultShares shares) {
    runtime.faults.shares(shares);
  }

  public OutcomeWeights outcomes() {
    return runtime.outcomes.weights();
  }

  /** Replaces the outcome proportions for numbers without a forced outcome. */
  public void outcomes(OutcomeWeights weights) {
    runtime.outcomes.weights(weights);
  }

  /** Replaces the outcome proportions, keyed by wire name ({@code "no-answer"}). */
  public void outcomes(Map<String, ? extends Number> weightsByName) {
    outcomes(OutcomeWeights.of(weightsByName));
  }

  /** Every later call to {@code number} ends with {@code outcome}. */
  public void forceOutcome(String number, CallOutcome outcome) {
    runtime.outcomes.force(number, outcome);
  }

  /** The forced outcomes, keyed by number without '+'. */
  public Map<String, CallOutcome> forcedOutcomes() {
    return runtime.outcomes.forced();
  }

  /** Replaces every forced outcome. */
  public void forcedOutcomes(Map<String, CallOutcome> forced) {
    runtime.outcomes.replaceForced(forced);
  }

  /** Make-Call answers wait {@code latency ± jitter} from now on. */
  public void latency(Duration latency, Duration jitter) {
    runtime.latency.setting(new ResponseLatency.Setting(latency, jitter));
  }

  public Duration latency() {
    return runtime.latency.setting().latency();
  }

  public Duration latencyJitter() {
    return runtime.latency.setting().jitter();
  }

  /**
   * Closes keep-alive connections idle this long (idle ones now: counted from now); zero: never.
   */
  public void idleTimeout(Duration idleTimeout) {
    runtime.connections.idleTimeout(idleTimeout);
  }

  public Duration idleTimeout() {
    return runtime.connections.idleTimeout();
  }

  /** Connections opened, open now, and closed for idling. */
  public ConnectionStats connections() {
    return runtime.connections.stats();
  }

  /** The account limits in force. */
  public AccountLimits limits() {
    return runtime.limits();
  }

  /** Replaces both account limits (0 turns one off); the request window starts afresh. */
  public void limits(AccountLimits limits) {
    runtime.limits(limits);
  }

  /** Calls placed and not yet hung up. */
  public int activeCalls() {
    return runtime.active.active();
  }

  /** The most calls active at once since start or the last {@link #clearCalls()}. */
  public int maxActiveCalls() {
    return runtime.active.highest();
  }

  public MachineDetection machines() {
    return runtime.machines.setting();
  }

  /** Which answered calls a machine picks up when detection is asked for, from now on. */
  public void machines(MachineDetection machines) {
    runtime.machines.setting(machines);
  }

  /**
   * The largest number of calls placed within any window of this length, by {@link
   * System#nanoTime()} at placement. Proves rate limits.
   */
  public int maxCallsInAnyWindow(Duration window) {
    return runtime.registry.maxPlacedInAnyWindow(window);
  }

  /**
   * Forgets the recorded calls and abandons the ones in progress (their remaining callbacks are not
   * sent). Settings, outcomes and faults stay as they are; the audit log keeps everything.
   *
   * @return how many entries were forgotten
   */
  public int clearCalls() {
    return runtime.clearCalls();
  }

  /**
   * Back to the state right after start: no calls, no queued faults, and the configured outcomes,
   * fault shares, latency, idle timeout, limits, machines and random seeds.
   */
  public void reset() {
    runtime.reset();
  }

  /** Stops serving, drops every pending callback and closes the audit log. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      int port = port();
      runtime.close();
      log.info("Plivo simulator on port {} stopped", port);
    }
  }
}
