package com.voicecampaigns.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process Plivo Voice API: the Make-Call endpoint, signed answer and hangup callbacks,
 * configurable outcomes and injected faults. Start it on port 0 in a test and point plivo-java at
 * {@link #apiUrl()}:
 *
 * <pre>{@code
 * try (PlivoSimulator plivo = PlivoSimulator.start(SimulatorConfig.defaults())) {
 *   // … place calls against plivo.apiUrl() with plivo.authId() / plivo.authToken()
 *   await().until(() -> plivo.calls().size() == 1);
 * }
 * }</pre>
 */
public final class PlivoSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PlivoSimulator.class);

  static {
    // The JDK's HttpServer reads this once, when its first server starts. Without it the sockets
    // use
    // Nagle's algorithm and, against a client's delayed ACK, every answer waits ~40 ms.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatorConfig config;
  private final HttpServer server;
  private final int port;
  private final ExecutorService httpThreads;
  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService callbackThreads;
  private final CallRegistry registry = new CallRegistry();
  private final FaultQueue faults = new FaultQueue();
  private final OutcomePolicy outcomes;
  private final CallLifecycle lifecycle;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PlivoSimulator(SimulatorConfig config, HttpServer server) {
    this.config = config;
    this.server = server;
    this.port = server.getAddress().getPort();
    this.outcomes = new OutcomePolicy(config);
    this.httpThreads = Executors.newFixedThreadPool(config.serverThreads(), daemon("http"));
    this.timers = new ScheduledThreadPoolExecutor(1, daemon("timer"));
    this.timers.setRemoveOnCancelPolicy(true);
    this.callbackThreads = Executors.newFixedThreadPool(4, daemon("callback"));
    ObjectMapper mapper = JsonMapper.builder().build();
    CallbackSender sender =
        new CallbackSender(config.authToken(), config.callbackTimeout(), callbackThreads);
    this.lifecycle = new CallLifecycle(config, sender, timers);
    server.setExecutor(httpThreads);
    server.createContext(
        "/v1/", new MakeCallHandler(config, mapper, registry, faults, outcomes, lifecycle));
    AdminHandler admin = new AdminHandler(this, mapper);
    server.createContext("/__admin/", admin);
    server.createContext("/health", admin);
    server.createContext("/", admin);
  }

  /**
   * Binds and starts a simulator.
   *
   * @throws SimulatorStartException when the address cannot be bound (e.g. the port is in use)
   */
  public static PlivoSimulator start(SimulatorConfig config) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
    } catch (BindException e) {
      throw new SimulatorStartException(
          "port " + config.port() + " on " + config.host() + " is already in use", e);
    } catch (IOException e) {
      throw new SimulatorStartException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    PlivoSimulator simulator = new PlivoSimulator(config, server);
    server.start();
    log.info(
        "Plivo simulator listening on {} (auth id {}, outcomes {})",
        simulator.apiUrl(),
        config.authId(),
        config.outcomes());
    return simulator;
  }

  /** Starts a simulator with {@link SimulatorConfig#defaults()} on a free port. */
  public static PlivoSimulator start() {
    return start(SimulatorConfig.defaults());
  }

  public SimulatorConfig config() {
    return config;
  }

  /** The bound port (the free port picked when configured with 0). */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>} (the bound host; 127.0.0.1 when bound to every address). */
  public String baseUrl() {
    String host = config.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** {@code http://127.0.0.1:<port>/v1/}: the counterpart of {@code https://api.plivo.com/v1/}. */
  public String apiUrl() {
    return baseUrl() + "/v1/";
  }

  public String authId() {
    return config.authId();
  }

  public String authToken() {
    return config.authToken();
  }

  /** Every Make-Call request received so far, in order of receipt (an immutable snapshot). */
  public List<SimulatedCall> calls() {
    return registry.snapshot();
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

  /** Queues a fault; faults apply in the order they were queued. */
  public void failNext(Fault fault) {
    faults.add(fault);
  }

  public List<Fault> pendingFaults() {
    return faults.pending();
  }

  public void clearFaults() {
    faults.clear();
  }

  public OutcomeWeights outcomes() {
    return outcomes.weights();
  }

  /** Replaces the outcome proportions for numbers without a forced outcome. */
  public void outcomes(OutcomeWeights weights) {
    outcomes.weights(weights);
  }

  /** Replaces the outcome proportions, keyed by wire name ({@code "no-answer"}). */
  public void outcomes(Map<String, ? extends Number> weightsByName) {
    outcomes(OutcomeWeights.of(weightsByName));
  }

  /** Every later call to {@code number} ends with {@code outcome}. */
  public void forceOutcome(String number, CallOutcome outcome) {
    outcomes.force(number, outcome);
  }

  /** The forced outcomes, keyed by number without '+'. */
  public Map<String, CallOutcome> forcedOutcomes() {
    return outcomes.forced();
  }

  /** Replaces every forced outcome. */
  public void forcedOutcomes(Map<String, CallOutcome> forced) {
    outcomes.replaceForced(forced);
  }

  /**
   * The largest number of accepted Make-Call destinations (201 answers) received within any window
   * of this length, by {@link System#nanoTime()} at receipt. Proves rate limits.
   */
  public int maxCallsInAnyWindow(Duration window) {
    return registry.maxAcceptedInAnyWindow(window);
  }

  /**
   * Forgets the recorded calls and abandons the ones in progress (their remaining callbacks are not
   * sent). Outcomes and faults stay as they are.
   *
   * @return how many entries were forgotten
   */
  public int clearCalls() {
    lifecycle.abandonAll();
    return registry.clear();
  }

  /**
   * Back to the state right after start: no calls, no faults, configured outcomes, forced outcomes
   * and random seed.
   */
  public void reset() {
    clearCalls();
    faults.clear();
    outcomes.reset();
  }

  /** Stops serving and drops every pending callback. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    lifecycle.abandonAll();
    server.stop(0);
    timers.shutdownNow();
    httpThreads.shutdownNow();
    callbackThreads.shutdownNow();
    try {
      httpThreads.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Plivo simulator on port {} stopped", port());
  }

  private static ThreadFactory daemon(String role) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "plivo-sim-" + role + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
