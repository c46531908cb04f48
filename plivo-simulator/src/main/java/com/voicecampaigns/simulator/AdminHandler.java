package com.voicecampaigns.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
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
 * tests. Every route delegates to the same methods as the Java API of {@link PlivoSimulator}.
 */
final class AdminHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

  private final PlivoSimulator simulator;
  private final ObjectMapper mapper;

  AdminHandler(PlivoSimulator simulator, ObjectMapper mapper) {
    this.simulator = simulator;
    this.mapper = mapper;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath());
    } catch (IllegalArgumentException | JacksonException e) {
      reply(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
    } catch (IOException | RuntimeException e) {
      log.warn("admin request {} failed", exchange.getRequestURI(), e);
      reply(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange, String method, String path) throws IOException {
    String route =
        method + " " + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    switch (route) {
      case "GET /health" -> reply(exchange, 200, Map.of("status", "UP"));
      case "GET /__admin/calls" -> {
        String to = HttpExchanges.query(exchange).get("to");
        reply(exchange, 200, to == null ? simulator.calls() : simulator.callsTo(to));
      }
      case "DELETE /__admin/calls" ->
          reply(exchange, 200, Map.of("cleared", simulator.clearCalls()));
      case "GET /__admin/faults" ->
          reply(
              exchange,
              200,
              simulator.pendingFaults().stream().map(AdminHandler::faultJson).toList());
      case "POST /__admin/faults" -> {
        Fault fault = fault(body(exchange));
        simulator.failNext(fault);
        reply(exchange, 201, faultJson(fault));
      }
      case "DELETE /__admin/faults" -> {
        simulator.clearFaults();
        reply(exchange, 200, List.of());
      }
      case "GET /__admin/outcomes" -> reply(exchange, 200, simulator.outcomes());
      case "PUT /__admin/outcomes" -> {
        simulator.outcomes(OutcomeWeights.of(numbers(body(exchange))));
        reply(exchange, 200, simulator.outcomes());
      }
      case "GET /__admin/forced-outcomes" -> reply(exchange, 200, simulator.forcedOutcomes());
      case "PUT /__admin/forced-outcomes" -> {
        Map<String, CallOutcome> forced = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : body(exchange).properties()) {
          forced.put(entry.getKey(), CallOutcome.parse(entry.getValue().asString()));
        }
        simulator.forcedOutcomes(forced);
        reply(exchange, 200, simulator.forcedOutcomes());
      }
      case "GET /__admin/max-calls-in-window" -> {
        Duration window =
            Durations.parse(HttpExchanges.query(exchange).getOrDefault("window", "1s"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("windowMillis", window.toMillis());
        body.put("maxCalls", simulator.maxCallsInAnyWindow(window));
        reply(exchange, 200, body);
      }
      case "POST /__admin/reset" -> {
        simulator.reset();
        reply(exchange, 200, Map.of("reset", true));
      }
      default -> reply(exchange, 404, Map.of("error", "no admin route " + route));
    }
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    JsonNode body = mapper.readTree(HttpExchanges.readBody(exchange));
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return body;
  }

  private static Fault fault(JsonNode body) {
    JsonNode status = body.get("status");
    if (status == null || !status.isNumber()) {
      throw new IllegalArgumentException("status (a number) is required");
    }
    JsonNode text = body.get("body");
    return new Fault(
        status.asInt(),
        body.has("count") ? body.get("count").asInt() : 1,
        text == null || text.isNull() ? null : text.isString() ? text.asString() : text.toString(),
        Duration.ofMillis(body.has("delayMillis") ? body.get("delayMillis").asLong() : 0));
  }

  private static Map<String, Object> faultJson(Fault fault) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", fault.status());
    json.put("count", fault.count());
    json.put("body", fault.body());
    json.put("delayMillis", fault.delay().toMillis());
    return json;
  }

  private static Map<String, Double> numbers(JsonNode body) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : body.properties()) {
      if (!entry.getValue().isNumber()) {
        throw new IllegalArgumentException("weight of " + entry.getKey() + " must be a number");
      }
      numbers.put(entry.getKey(), entry.getValue().asDouble());
    }
    return numbers;
  }

  private void reply(HttpExchange exchange, int status, Object body) throws IOException {
    HttpExchanges.sendJson(exchange, status, mapper, body);
  }
}
