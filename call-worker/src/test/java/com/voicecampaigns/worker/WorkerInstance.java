package com.voicecampaigns.worker;

import com.voicecampaigns.model.event.CampaignStart;
import com.voicecampaigns.simulator.PlivoSimulator;
import com.voicecampaigns.testsupport.FreePorts;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.worker.dialing.CampaignSessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One call worker started by a test: a Spring context of its own, on a port of its own, sharing the
 * test's database, Pub/Sub emulator and Plivo simulator with other instances. Properties are passed
 * as command-line arguments, like a deployment would.
 */
public final class WorkerInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;
  private final String id;

  private WorkerInstance(ConfigurableApplicationContext context, int port, String id) {
    this.context = context;
    this.port = port;
    this.id = id;
  }

  /**
   * The pacing allowance of test workers. This JVM runs the simulator, MongoDB and up to four
   * workers on a busy two-core machine: a collection pause or a descheduled thread between a
   * request's write and the simulator's receipt costs tens of milliseconds, more jitter than the
   * shipped allowance (40 ms) leaves for a network. The benchmarks run the shipped values ({@link
   * #SHIPPED_PACING}), and so does the fault suite, with the simulator in a process of its own.
   */
  static final Map<String, String> TEST_PACING =
      Map.of("worker.pacing.timing-allowance", "100ms", "worker.pacing.renew-after", "50ms");

  /** Overrides that give a worker the application's own pacing allowance instead. */
  public static final Map<String, String> SHIPPED_PACING =
      Map.of("worker.pacing.timing-allowance", "", "worker.pacing.renew-after", "");

  /**
   * Settings every test worker shares; {@code overrides} win, and an override with an empty value
   * leaves the application's default.
   */
  public static Map<String, String> defaults(
      String database, String topicSuffix, PlivoSimulator plivo, String id, int port) {
    Map<String, String> properties = new LinkedHashMap<>(TestInfrastructure.properties(database));
    properties.put("server.port", Integer.toString(port));
    properties.put("worker.id", id);
    properties.put("worker.public-url", "http://127.0.0.1:" + port);
    properties.put("worker.lease-duration", "5s");
    properties.put("worker.heartbeat-interval", "1s");
    properties.put("worker.status-check-interval", "250ms");
    properties.put("worker.retry.initial-backoff", "200ms");
    properties.put("worker.retry.max-backoff", "1s");
    properties.put("plivo.api-url", plivo.apiUrl());
    properties.put("plivo.auth-id", plivo.authId());
    properties.put("plivo.auth-token", plivo.authToken());
    properties.put("plivo.connect-timeout", "1s");
    properties.put("plivo.read-timeout", "2s");
    // an unknown attempt keeps its campaign open for connect + read + ring timeout: 6s here
    properties.put("plivo.ring-timeout", "3s");
    // well above the longest request (3s) and a cold start on a busy machine: a session that
    // made no progress for 15s loses its lease
    properties.put("worker.progress-timeout", "15s");
    // no account limit unless a test is about it
    properties.put("plivo.cps", "0");
    properties.put("plivo.limits.api-requests", "0");
    properties.putAll(TEST_PACING);
    // tests hand their starts to a worker themselves, and a campaign one leaves untaken on purpose
    // must stay so; StartAdoptionTests turn adoption on
    properties.put("worker.adopt-untaken-starts-after", "0s");
    properties.put(
        "spring.cloud.stream.bindings.campaignStart-in-0.destination",
        "campaign-start-" + topicSuffix);
    properties.put(
        "spring.cloud.stream.bindings.campaignScheduled-out-0.destination",
        "campaign-scheduled-" + topicSuffix);
    properties.put("spring.lifecycle.timeout-per-shutdown-phase", "10s");
    properties.put("management.endpoints.web.exposure.include", "health,prometheus");
    return properties;
  }

  public static WorkerInstance start(
      String database,
      String topicSuffix,
      PlivoSimulator plivo,
      String id,
      Map<String, String> overrides) {
    int port =
        overrides.containsKey("server.port")
            ? Integer.parseInt(overrides.get("server.port"))
            : FreePorts.find();
    Map<String, String> properties = defaults(database, topicSuffix, plivo, id, port);
    properties.putAll(overrides);
    properties.values().removeIf(String::isEmpty);
    List<String> args = new ArrayList<>();
    properties.forEach((key, value) -> args.add("--" + key + "=" + value));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(CallWorkerApplication.class, TestClockConfig.class)
            .run(args.toArray(String[]::new));
    return new WorkerInstance(context, port, id);
  }

  public int port() {
    return port;
  }

  public String id() {
    return id;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public MongoTemplate mongo() {
    return bean(MongoTemplate.class);
  }

  public CampaignSessions sessions() {
    return bean(CampaignSessions.class);
  }

  /** Hands the worker a CampaignStart directly, as its consumer would. */
  public CampaignSessions.StartOutcome start(String campaignId, String dispatchId) {
    return sessions().start(new CampaignStart(campaignId, dispatchId, Instant.now()));
  }

  /** How many campaigns this worker took over from a worker that did not let them go. */
  public double takeovers() {
    return bean(io.micrometer.core.instrument.MeterRegistry.class)
        .get("worker.lease.takeovers")
        .counter()
        .count();
  }

  public boolean running() {
    return context.isActive();
  }

  /** Graceful shutdown, as on SIGTERM. */
  @Override
  public void close() {
    if (context.isActive()) {
      context.close();
    }
  }
}
