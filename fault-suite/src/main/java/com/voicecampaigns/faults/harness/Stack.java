package com.voicecampaigns.faults.harness;

import com.voicecampaigns.faults.clock.ShiftedClock;
import com.voicecampaigns.testsupport.FreePorts;
import com.voicecampaigns.testsupport.mongo.MongoProcess;
import com.voicecampaigns.testsupport.pubsub.GcloudPubSubEmulator;
import com.voicecampaigns.testsupport.pubsub.PubSubBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;

/**
 * The system the scenarios run against, every part a process of its own on a free loopback port:
 * the Pub/Sub emulator, MongoDB ({@link MongoProcess}, or a real one at {@code MONGODB_URI}), the
 * Plivo simulator with its audit log, and campaign-api, campaign-dispatcher and call-worker from
 * their executable jars. Timeouts are short so that a fault resolves within a scenario's bound;
 * each is explained in {@link #workerProperties}.
 */
public final class Stack implements AutoCloseable {

  /** The account's calls per second ({@code plivo.cps}) the audit holds every window to. */
  public static final int CPS = 10;

  private static final String VERSION = "0.1.0-SNAPSHOT";

  private final Path root;
  private final Path dir;
  private final List<AutoCloseable> parts = new ArrayList<>();
  private final Map<String, String> shared = new LinkedHashMap<>();
  private final String backend;
  private final Map<String, String> workerSettings;
  private GcloudPubSubEmulator.Running pubsub;
  private MongoProcess mongo;
  private Simulator simulator;
  private JarProcess api;
  private JarProcess dispatcher;
  private JarProcess worker;
  private final List<JarProcess> extras = new ArrayList<>();
  private int workerPort;
  private int starts;

  private Stack(Path root, Path dir, Map<String, String> workerSettings) {
    this.root = root;
    this.dir = dir;
    this.workerSettings = Map.copyOf(workerSettings);
    String mongoUri = System.getenv("MONGODB_URI");
    this.backend =
        mongoUri == null || mongoUri.isBlank() ? "mongo-java-server process" : "MONGODB_URI";
    try {
      pubsub = GcloudPubSubEmulator.start();
      parts.add(pubsub);
      String emulator = pubsub.hostPort();
      if (mongoUri == null || mongoUri.isBlank()) {
        mongo = MongoProcess.start("1g", dir.resolve("mongodb.log"));
        parts.add(mongo);
        mongoUri = mongo.uri();
      }
      shared.put("spring.cloud.gcp.pubsub.emulator-host", emulator);
      shared.put("spring.cloud.gcp.project-id", PubSubBackend.TEST_PROJECT);
      shared.put("spring.cloud.gcp.core.enabled", "true");
      shared.put("spring.mongodb.uri", mongoUri);
      shared.put("spring.mongodb.database", "fault_suite_" + Instant.now().toEpochMilli());
      simulator = Simulator.start(jar("plivo-simulator"), dir);
      parts.add(simulator);
      workerPort = FreePorts.find();
      var apiStart =
          CompletableFuture.supplyAsync(
              () ->
                  service(
                      "campaign-api",
                      FreePorts.find(),
                      Map.of("api.security.hmac-secret", ApiClient.SECRET),
                      null));
      var dispatcherStart = CompletableFuture.supplyAsync(this::newDispatcher);
      worker = startWorker();
      api = join(apiStart);
      dispatcher = join(dispatcherStart);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts everything; {@code root} is the repository, {@code dir} where logs go, {@code
   * workerSettings} what every call worker runs with beside the suite's own ({@link
   * WorkerSettings}).
   */
  public static Stack start(Path root, Path dir, Map<String, String> workerSettings) {
    return new Stack(root, dir, workerSettings);
  }

  /** A new call worker on the worker port (a replaced pod behind the same address). */
  public JarProcess startWorker() {
    worker = service("call-worker", workerPort, workerSettings(workerPort), null);
    return worker;
  }

  /** One more call worker on a port of its own (with its own callback address). */
  public JarProcess startExtraWorker() {
    int port = FreePorts.find();
    return extra(service("call-worker", port, workerSettings(port), null));
  }

  /**
   * One more call worker whose clock runs {@code offset} ahead of every other process's: its
   * injected clock is replaced by {@link ShiftedClock}.
   */
  public JarProcess startExtraWorker(Duration offset) {
    int port = FreePorts.find();
    Map<String, String> settings = new LinkedHashMap<>(workerSettings(port));
    settings.put("spring.main.sources", ShiftedClock.class.getName());
    settings.put(ShiftedClock.OFFSET, offset.toString());
    return extra(service("call-worker", port, settings, classesOf(ShiftedClock.class)));
  }

  private Map<String, String> workerSettings(int port) {
    Map<String, String> settings =
        new LinkedHashMap<>(WorkerSettings.of(port, simulator.apiUrl(), CPS));
    settings.putAll(workerSettings);
    return settings;
  }

  private JarProcess extra(JarProcess started) {
    synchronized (extras) {
      extras.add(started);
    }
    return started;
  }

  private static Path classesOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One more campaign dispatcher, ticking on its own as the first does. */
  public JarProcess startExtraDispatcher() {
    return extra(newDispatcher());
  }

  /** Stops the extra services (SIGTERM, gracefully), leaving the first of each. */
  public void stopExtras() {
    List<JarProcess> stopping;
    synchronized (extras) {
      stopping = new ArrayList<>(extras);
      extras.clear();
    }
    stopping.parallelStream().forEach(JarProcess::close);
  }

  private JarProcess newDispatcher() {
    // dispatcher.start-timeout stays at its 2 minutes: a shorter one than the emulator's delivery
    // delays (up to 90 s seen here) replaces every dispatch before it arrives, and each arrives
    // stale
    return service(
        "campaign-dispatcher",
        FreePorts.find(),
        Map.of("dispatcher.local-tick.enabled", "true", "dispatcher.local-tick.interval", "1s"),
        null);
  }

  /** The MongoDB process, empty when the suite runs against {@code MONGODB_URI}. */
  public java.util.Optional<MongoProcess> mongo() {
    return java.util.Optional.ofNullable(mongo);
  }

  /** SIGKILL of the running worker. */
  public void killWorker() {
    worker.kill();
  }

  /**
   * Stops the Pub/Sub emulator (SIGTERM) and starts a new one on its port, then makes again the
   * topics the stopped one held and, {@code subscriptionsAfter} later, its subscriptions (a
   * restarted emulator holds none; a real Pub/Sub keeps them). Messages not yet delivered are lost
   * with it. Answers what was made again.
   */
  public EmulatorResources restartEmulator(Duration subscriptionsAfter) {
    EmulatorRest rest = new EmulatorRest(emulatorHost());
    EmulatorResources resources = EmulatorResources.read(rest);
    GcloudPubSubEmulator.Running stopped = pubsub;
    stopped.close();
    int port = Integer.parseInt(emulatorHost().substring(emulatorHost().lastIndexOf(':') + 1));
    pubsub = GcloudPubSubEmulator.startOn(port);
    synchronized (parts) {
      parts.set(parts.indexOf(stopped), pubsub);
    }
    resources.createTopics(rest);
    // the fault lasts this long: no condition to wait for
    Awaitility.await()
        .pollDelay(subscriptionsAfter)
        .atMost(subscriptionsAfter.plusSeconds(5))
        .until(() -> true);
    resources.createSubscriptions(rest);
    return resources;
  }

  /** The Pub/Sub emulator's {@code host:port}. */
  public String emulatorHost() {
    return shared.get("spring.cloud.gcp.pubsub.emulator-host");
  }

  public ApiClient api() {
    return new ApiClient(api.url());
  }

  public Simulator simulator() {
    return simulator;
  }

  public JarProcess worker() {
    return worker;
  }

  public Path dir() {
    return dir;
  }

  /** Where MongoDB runs: its own process, or the real one at {@code MONGODB_URI}. */
  public String backend() {
    return backend;
  }

  /** Every service still running (a scenario ends with a check of this). */
  public List<String> deadServices() {
    List<String> dead = new ArrayList<>();
    List<JarProcess> services = new ArrayList<>(List.of(api, dispatcher, worker));
    synchronized (extras) {
      services.addAll(extras);
    }
    for (JarProcess service : services) {
      if (!service.alive()) {
        dead.add(service.name());
      }
    }
    return dead;
  }

  private JarProcess service(String name, int port, Map<String, String> own, Path extraClasses) {
    Map<String, String> properties = new LinkedHashMap<>(shared);
    properties.putAll(own);
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    properties.forEach((key, value) -> args.add("--" + key + "=" + value));
    String logName;
    synchronized (parts) {
      logName = name + "-" + port + "-" + (++starts);
    }
    JarProcess started =
        JarProcess.start(
            name,
            jar(name),
            extraClasses,
            port,
            args,
            dir.resolve(logName + ".log"),
            "/actuator/health/readiness");
    synchronized (parts) {
      parts.add(started);
    }
    return started;
  }

  private Path jar(String module) {
    return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
  }

  private static JarProcess join(CompletableFuture<JarProcess> start) {
    try {
      return start.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  @Override
  public void close() {
    List<AutoCloseable> reversed;
    synchronized (parts) {
      reversed = new ArrayList<>(parts);
    }
    java.util.Collections.reverse(reversed);
    for (AutoCloseable part : reversed) {
      try {
        if (part instanceof JarProcess service) {
          service.kill(); // the audit is done; nothing of the run needs a graceful stop
        } else {
          part.close();
        }
      } catch (Exception e) {
        System.err.println("stopping " + part + " failed: " + e);
      }
    }
  }
}
