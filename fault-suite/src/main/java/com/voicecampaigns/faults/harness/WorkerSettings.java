package com.voicecampaigns.faults.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The call workers' settings: the lease keeps its default 30 s; a status re-read every 250 ms;
 * Make-Call timeouts of 1 s + 3 s (a timeout fault is felt in 3 s); a ring timeout of 5 s (an
 * unknown attempt holds its campaign open for 1 + 3 + 5 s); calls without a hangup callback expire
 * after 20 s (a killed worker misses some).
 */
final class WorkerSettings {

  private WorkerSettings() {}

  /** For a worker on {@code port}, against the simulator at {@code apiUrl}, at {@code cps}. */
  static Map<String, String> of(int port, String apiUrl, int cps) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("worker.public-url", "http://127.0.0.1:" + port);
    properties.put("plivo.api-url", apiUrl);
    properties.put("plivo.auth-id", Simulator.AUTH_ID);
    properties.put("plivo.auth-token", Simulator.AUTH_TOKEN);
    properties.put("plivo.cps", String.valueOf(cps));
    properties.put("plivo.connect-timeout", "1s");
    properties.put("plivo.read-timeout", "3s");
    properties.put("plivo.ring-timeout", "5s");
    properties.put("worker.status-check-interval", "250ms");
    properties.put("worker.progress-timeout", "15s");
    properties.put("worker.active-call-timeout", "20s");
    return properties;
  }
}
