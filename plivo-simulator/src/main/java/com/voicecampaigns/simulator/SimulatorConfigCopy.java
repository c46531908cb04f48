package com.voicecampaigns.simulator;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A mutable copy of a {@link SimulatorConfig}, so each {@code withX} names only what it changes.
 */
final class SimulatorConfigCopy {
  String host;
  int port;
  String authId;
  String authToken;
  long seed;
  Clock clock;
  int serverThreads;
  Path auditLog;
  CallBehaviour calls;
  MachineDetection machines;
  ApiBehaviour api;
  AccountLimits limits;
  CallbackPolicy callbacks;

  SimulatorConfigCopy(SimulatorConfig from) {
    host = from.host();
    port = from.port();
    authId = from.authId();
    authToken = from.authToken();
    seed = from.seed();
    clock = from.clock();
    serverThreads = from.serverThreads();
    auditLog = from.auditLog();
    calls = from.calls();
    machines = from.machines();
    api = from.api();
    limits = from.limits();
    callbacks = from.callbacks();
  }

  SimulatorConfig build() {
    return new SimulatorConfig(
        host,
        port,
        authId,
        authToken,
        seed,
        clock,
        serverThreads,
        auditLog,
        calls,
        machines,
        api,
        limits,
        callbacks);
  }
}
