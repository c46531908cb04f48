package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The admin routes of the run-time settings: latency, idle timeout, fault shares, account limits,
 * machines, and the connection and active-call counts. A PUT changes only the fields it names and
 * answers the whole setting.
 */
final class AdminSettings {

  private final PlivoSimulator simulator;

  AdminSettings(PlivoSimulator simulator) {
    this.simulator = simulator;
  }

  /** The answer of a settings route, or null for a route it does not know. */
  Object route(String route, InboundRequest request, Supplier<JsonNode> body) {
    switch (route) {
      case "GET /__admin/latency" -> {
        return latency();
      }
      case "PUT /__admin/latency" -> {
        JsonNode json = body.get();
        simulator.latency(
            millis(json, "latencyMillis", simulator.latency()),
            millis(json, "jitterMillis", simulator.latencyJitter()));
        return latency();
      }
      case "GET /__admin/idle-timeout" -> {
        return idleTimeout();
      }
      case "PUT /__admin/idle-timeout" -> {
        simulator.idleTimeout(millis(body.get(), "idleTimeoutMillis", simulator.idleTimeout()));
        return idleTimeout();
      }
      case "GET /__admin/connections" -> {
        return simulator.connections();
      }
      case "GET /__admin/fault-shares" -> {
        return simulator.faultShares();
      }
      case "PUT /__admin/fault-shares" -> {
        simulator.faultShares(new FaultShares(numbers(body.get())));
        return simulator.faultShares();
      }
      case "GET /__admin/limits" -> {
        return limits();
      }
      case "PUT /__admin/limits" -> {
        JsonNode json = body.get();
        AccountLimits now = simulator.limits();
        simulator.limits(
            new AccountLimits(
                integer(json, "apiRequests", now.apiRequests()),
                millis(json, "apiWindowMillis", now.apiWindow()),
                integer(json, "maxConcurrentCalls", now.maxConcurrentCalls())));
        return limits();
      }
      case "GET /__admin/active-calls" -> {
        return Map.of("active", simulator.activeCalls(), "max", simulator.maxActiveCalls());
      }
      case "GET /__admin/machine-detection" -> {
        return machines();
      }
      case "PUT /__admin/machine-detection" -> {
        JsonNode json = body.get();
        MachineDetection now = simulator.machines();
        Set<String> numbers = now.numbers();
        if (json.has("numbers")) {
          numbers = new LinkedHashSet<>();
          for (JsonNode number : json.get("numbers")) {
            numbers.add(number.asString());
          }
        }
        double share = json.has("share") ? json.get("share").asDouble() : now.share();
        simulator.machines(
            new MachineDetection(share, numbers, millis(json, "delayMillis", now.delay())));
        return machines();
      }
      default -> {
        return null;
      }
    }
  }

  private Map<String, Object> latency() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("latencyMillis", simulator.latency().toMillis());
    json.put("jitterMillis", simulator.latencyJitter().toMillis());
    return json;
  }

  private Map<String, Object> idleTimeout() {
    return Map.of("idleTimeoutMillis", simulator.idleTimeout().toMillis());
  }

  private Map<String, Object> limits() {
    AccountLimits limits = simulator.limits();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("apiRequests", limits.apiRequests());
    json.put("apiWindowMillis", limits.apiWindow().toMillis());
    json.put("maxConcurrentCalls", limits.maxConcurrentCalls());
    return json;
  }

  private Map<String, Object> machines() {
    MachineDetection machines = simulator.machines();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("share", machines.share());
    json.put("numbers", machines.numbers());
    json.put("delayMillis", machines.delay().toMillis());
    return json;
  }

  static Map<String, Double> numbers(JsonNode body) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : body.properties()) {
      if (!entry.getValue().isNumber()) {
        throw new IllegalArgumentException("the value of " + entry.getKey() + " must be a number");
      }
      numbers.put(entry.getKey(), entry.getValue().asDouble());
    }
    return numbers;
  }

  private static Duration millis(JsonNode json, String field, Duration fallback) {
    JsonNode value = json.get(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < 0) {
      throw new IllegalArgumentException(field + " must be a whole number >= 0");
    }
    return Duration.ofMillis(value.asLong());
  }

  private static int integer(JsonNode json, String field, int fallback) {
    JsonNode value = json.get(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException(field + " must be a whole number");
    }
    return value.asInt();
  }
}
