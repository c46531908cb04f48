package com.voicecampaigns.system;

import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.simulator.SimulatorConfig;
import com.voicecampaigns.testsupport.FreePorts;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.client.RestClient;

/**
 * The whole system for a test: campaign-api, campaign-dispatcher and call-worker, each a process of
 * its own started from its executable jar, sharing the test Pub/Sub emulator and one fresh MongoDB
 * database, with the call worker pointed at an in-process Plivo simulator.
 */
final class RunningSystem implements AutoCloseable {

  private final PlivoSimulator simulator;
  private final List<AppProcess> apps = new ArrayList<>();
  private final AppProcess api;
  private final AppProcess dispatcher;
  private final AppProcess worker;

  private RunningSystem(Class<?> testClass, SimulatorConfig simulatorConfig) {
    this.simulator = PlivoSimulator.start(simulatorConfig);
    try {
      Map<String, String> shared =
          TestInfrastructure.properties(MongoBackend.freshDatabaseName(testClass));
      int workerPort = FreePorts.find();
      var apiStart =
          startAsync(
              "campaign-api",
              FreePorts.find(),
              shared,
              Map.of("api.security.hmac-secret", ApiTokens.SECRET));
      var dispatcherStart =
          startAsync(
              "campaign-dispatcher",
              FreePorts.find(),
              shared,
              Map.of(
                  "dispatcher.local-tick.enabled", "true", "dispatcher.local-tick.interval", "1s"));
      var workerStart =
          startAsync(
              "call-worker",
              workerPort,
              shared,
              Map.of(
                  "worker.public-url", "http://127.0.0.1:" + workerPort,
                  "plivo.api-url", simulator.apiUrl(),
                  "plivo.auth-id", simulator.authId(),
                  "plivo.auth-token", simulator.authToken()));
      this.api = collect(apiStart);
      this.dispatcher = collect(dispatcherStart);
      this.worker = collect(workerStart);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts everything; calls are answered at once and last half a second. */
  static RunningSystem start(Class<?> testClass) {
    return new RunningSystem(
        testClass,
        SimulatorConfig.defaults()
            .withRingDelay(Duration.ofMillis(50))
            .withCallDuration(Duration.ofMillis(500)));
  }

  private static CompletableFuture<AppProcess> startAsync(
      String name, int port, Map<String, String> shared, Map<String, String> own) {
    Map<String, String> properties = new LinkedHashMap<>(shared);
    properties.putAll(own);
    return CompletableFuture.supplyAsync(() -> AppProcess.start(name, port, properties));
  }

  private AppProcess collect(CompletableFuture<AppProcess> start) {
    try {
      AppProcess app = start.join();
      apps.add(app);
      return app;
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  PlivoSimulator simulator() {
    return simulator;
  }

  AppProcess api() {
    return api;
  }

  /** A client of the campaign API that sends a valid bearer token. */
  RestClient apiClient() {
    return RestClient.builder()
        .baseUrl(api.url())
        .defaultHeader("Authorization", "Bearer " + ApiTokens.token())
        .build();
  }

  AppProcess dispatcher() {
    return dispatcher;
  }

  AppProcess worker() {
    return worker;
  }

  @Override
  public void close() {
    apps.forEach(AppProcess::close);
    simulator.close();
  }
}
