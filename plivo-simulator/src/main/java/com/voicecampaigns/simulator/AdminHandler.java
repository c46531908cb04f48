package com.voicecampaigns.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /health} and the JSON admin API under {@code /__admin/} for the local stack and black-box
 * tests: calls, faults, outcomes and reset here, the run-time settings in {@link AdminSettings}.
 * Every route delegates to the same methods as the Java API of {@link PlivoSimulator}.
 */
final class AdminHandler {

  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

  private final PlivoSimulator simulator;
  private final ObjectMapper mapper;
  private final AdminSettings settings;

  AdminHandler(PlivoSimulator simulator, ObjectMapper mapper) {
    this.simulator = simulator;
    this.mapper = mapper;
    this.settings = new AdminSettings(simulator);
  }

  void handle(Exchange exchange) {
    InboundRequest request = exchange.request();
    String path = request.path();
    String route =
        request.method() + " " + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    try {
      Object body = route(route, request);
      if (body == null) {
        body = settings.route(route, request, () -> body(request));
      }
      if (body == null) {
        reply(exchange, 404, Map.of("error", "no admin route " + route));
      } else {
        reply(exchange, route.equals("POST /__admin/faults") ? 201 : 200, body);
      }
    } catch (IllegalArgumentException | JacksonException e) {
      reply(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
    } catch (RuntimeException e) {
      log.warn("admin request {} failed", route, e);
      reply(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  /** The answer of a calls, faults or outcomes route, or null for a route it does not know. */
  private Object route(String route, InboundRequest request) {
    switch (route) {
      case "GET /health" -> {
        return Map.of("status", "UP");
      }
      case "GET /__admin/calls" -> {
        String to = request.query().get("to");
        return to == null ? simulator.calls() : simulator.callsTo(to);
      }
      case "DELETE /__admin/calls" -> {
        return Map.of("cleared", simulator.clearCalls());
      }
      case "GET /__admin/faults" -> {
        return simulator.pendingFaults().stream().map(AdminHandler::faultJson).toList();
      }
      case "POST /__admin/faults" -> {
        Fault fault = fault(body(request));
        simulator.failNext(fault);
        return faultJson(fault);
      }
      case "DELETE /__admin/faults" -> {
        simulator.clearFaults();
        return List.of();
      }
      case "GET /__admin/outcomes" -> {
        return simulator.outcomes();
      }
      case "PUT /__admin/outcomes" -> {
        simulator.outcomes(OutcomeWeights.of(AdminSettings.numbers(body(request))));
        return simulator.outcomes();
      }
      case "GET /__admin/forced-outcomes" -> {
        return simulator.forcedOutcomes();
      }
      case "PUT /__admin/forced-outcomes" -> {
        Map<String, CallOutcome> forced = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body(request).properties()) {
          forced.put(entry.getKey(), CallOutcome.parse(entry.getValue().asString()));
        }
        simulator.forcedOutcomes(forced);
        return simulator.forcedOutcomes();
      }
      case "GET /__admin/max-calls-in-window" -> {
        Duration window = Durations.parse(request.query().getOrDefault("window", "1s"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("windowMillis", window.toMillis());
        body.put("maxCalls", simulator.maxCallsInAnyWindow(window));
        return body;
      }
      case "POST /__admin/reset" -> {
        simulator.reset();
        return Map.of("reset", true);
      }
      default -> {
        return null;
      }
    }
  }

  private JsonNode body(InboundRequest request) {
    JsonNode body = mapper.readTree(request.body());
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return body;
  }

  /**
   * {@code {"fault":"504-after-placing","count":2}}, or the original {@code {"status":500,
   * "count":3,"body":…,"delayMillis":…}}; {@code placed} overrides whether the call is placed.
   */
  private static Fault fault(JsonNode body) {
    JsonNode name = body.get("fault");
    JsonNode status = body.get("status");
    Fault fault;
    if (name != null && name.isString()) {
      fault = Fault.parse(name.asString());
    } else if (status != null && status.isNumber()) {
      fault = Fault.of(status.asInt(), 1);
    } else {
      throw new IllegalArgumentException(
          "fault (a name such as 504-after-placing) or status is required");
    }
    if (body.has("placed")) {
      fault =
          new Fault(fault.kind(), fault.status(), body.get("placed").asBoolean(), 1, null, null);
    }
    JsonNode text = body.get("body");
    return fault
        .withCount(body.has("count") ? body.get("count").asInt() : 1)
        .withBody(
            text == null || text.isNull()
                ? null
                : text.isString() ? text.asString() : text.toString())
        .withDelay(
            Duration.ofMillis(body.has("delayMillis") ? body.get("delayMillis").asLong() : 0));
  }

  private static Map<String, Object> faultJson(Fault fault) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("fault", fault.name());
    json.put("status", fault.status());
    json.put("placed", fault.placesCall());
    json.put("count", fault.count());
    json.put("body", fault.body());
    json.put("delayMillis", fault.delay().toMillis());
    return json;
  }

  private void reply(Exchange exchange, int status, Object body) {
    exchange.respondJson(status, mapper, body);
  }
}
