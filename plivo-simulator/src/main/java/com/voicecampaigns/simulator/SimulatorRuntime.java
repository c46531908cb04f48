package com.voicecampaigns.simulator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a running simulator, wired together: the state the Java and admin APIs change, the
 * call machinery, and the server. {@link PlivoSimulator} is its public face.
 */
final class SimulatorRuntime implements AutoCloseable {

  final SimulatorConfig config;
  final ObjectMapper mapper = JsonMapper.builder().build();
  final CallRegistry registry = new CallRegistry();
  final FaultQueue faults;
  final OutcomePolicy outcomes;
  final MachinePolicy machines;
  final ResponseLatency latency;
  final ApiRateLimiter rateLimiter;
  final ActiveCalls active;
  final Connections connections;
  final CallLifecycle lifecycle;
  final AuditLogWriter audit;
  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService callbackThreads;
  private final MakeCallHandler makeCall;
  private SimulatorServer server;

  SimulatorRuntime(SimulatorConfig config) {
    this.config = config;
    this.faults = new FaultQueue(config.api().faultShares(), config.seed());
    this.outcomes = new OutcomePolicy(config);
    this.machines = new MachinePolicy(config.machines(), config.seed());
    this.latency = new ResponseLatency(config.api(), config.seed());
    this.rateLimiter =
        new ApiRateLimiter(config.limits().apiRequests(), config.limits().apiWindow());
    this.active = new ActiveCalls(config.limits().maxConcurrentCalls());
    this.connections = new Connections(config.api().idleTimeout());
    this.audit =
        AuditLogWriter.open(config.auditLog(), mapper, config.authId(), config.clock().instant());
    this.timers = new ScheduledThreadPoolExecutor(1, daemon("timer"));
    this.timers.setRemoveOnCancelPolicy(true);
    this.callbackThreads = Executors.newFixedThreadPool(4, daemon("callback"));
    CallbackSender sender =
        new CallbackSender(config.authToken(), config.callbacks().timeout(), callbackThreads);
    this.lifecycle = new CallLifecycle(config, machines, active, sender, timers, audit);
    CallPlacement placement =
        new CallPlacement(config.clock(), registry, outcomes, machines, active, lifecycle, audit);
    this.makeCall =
        new MakeCallHandler(config, mapper, faults, latency, rateLimiter, placement, audit);
  }

  /**
   * Starts serving: Make Call under {@code /v1/}, everything else by {@code admin}.
   *
   * @throws SimulatorStartException when the address cannot be bound (the runtime is then closed)
   */
  void serve(AdminHandler admin) {
    try {
      this.server =
          SimulatorServer.start(
              config.host(),
              config.port(),
              config.serverThreads(),
              connections,
              exchange -> {
                if (exchange.request().path().startsWith("/v1/")) {
                  makeCall.handle(exchange);
                } else {
                  admin.handle(exchange);
                }
              });
    } catch (RuntimeException e) {
      stopExecutors();
      audit.close();
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  /** {@code http://<host>:<port>}, with 127.0.0.1 for a server bound to every address. */
  String baseUrl() {
    String host = config.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  AccountLimits limits() {
    return new AccountLimits(rateLimiter.limit(), rateLimiter.window(), active.limit());
  }

  void limits(AccountLimits limits) {
    rateLimiter.change(limits.apiRequests(), limits.apiWindow());
    active.limit(limits.maxConcurrentCalls());
  }

  int clearCalls() {
    lifecycle.abandonAll();
    active.clear();
    return registry.clear();
  }

  /** Every run-time setting back to the configuration, and no calls. */
  void reset() {
    clearCalls();
    faults.reset(config.api().faultShares());
    outcomes.reset();
    latency.reset();
    connections.reset();
    machines.reset();
    limits(config.limits());
  }

  /** Stops serving, drops every pending callback, closes the audit log. */
  @Override
  public void close() {
    lifecycle.abandonAll();
    if (server != null) {
      server.close();
    }
    stopExecutors();
    audit.close();
  }

  private void stopExecutors() {
    timers.shutdownNow();
    callbackThreads.shutdownNow();
    try {
      callbackThreads.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
