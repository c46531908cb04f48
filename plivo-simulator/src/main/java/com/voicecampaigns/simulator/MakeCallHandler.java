package com.voicecampaigns.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /v1/Account/{authId}/Call/}: authenticates, applies injected faults, validates,
 * records and answers like Plivo, then hands accepted calls to the {@link CallLifecycle}.
 */
final class MakeCallHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(MakeCallHandler.class);
  private static final Pattern CALL_PATH = Pattern.compile("^/v1/Account/([^/]+)/Call/?$");

  private final SimulatorConfig config;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final CallRegistry registry;
  private final FaultQueue faults;
  private final OutcomePolicy outcomes;
  private final CallLifecycle lifecycle;

  MakeCallHandler(
      SimulatorConfig config,
      ObjectMapper mapper,
      CallRegistry registry,
      FaultQueue faults,
      OutcomePolicy outcomes,
      CallLifecycle lifecycle) {
    this.config = config;
    this.clock = config.clock();
    this.mapper = mapper;
    this.registry = registry;
    this.faults = faults;
    this.outcomes = outcomes;
    this.lifecycle = lifecycle;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long receivedNanos = System.nanoTime();
    Instant receivedAt = clock.instant();
    try {
      handle(exchange, receivedAt, receivedNanos);
    } catch (IOException e) {
      // typically a client that stopped waiting (a delayed fault): what happened is recorded
      log.debug("could not answer a Make-Call request: {}", e.toString());
    } finally {
      exchange.close();
    }
  }

  private void handle(HttpExchange exchange, Instant receivedAt, long receivedNanos)
      throws IOException {
    {
      Matcher path = CALL_PATH.matcher(exchange.getRequestURI().getPath());
      if (!path.matches()) {
        reply(exchange, 404, HttpExchanges.plivoError("not found"));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, HttpExchanges.plivoError("only POST (Make Call) is simulated"));
        return;
      }
      MakeCallRequest request =
          MakeCallRequest.parse(
              path.group(1),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              HttpExchanges.readBody(exchange),
              mapper);
      Arrival arrival = new Arrival(request, receivedAt, receivedNanos);
      if (!authenticated(exchange, request.authId())) {
        refuse(exchange, arrival, 401, HttpExchanges.plivoError("authentication failed"));
        return;
      }
      Fault fault = faults.next();
      if (fault != null) {
        pause(fault);
        if (!fault.passesThrough()) {
          refuseWithFault(exchange, arrival, fault);
          return;
        }
      }
      String invalid = request.validationError();
      if (invalid != null) {
        refuse(exchange, arrival, 400, HttpExchanges.plivoError(invalid));
        return;
      }
      accept(exchange, arrival);
    }
  }

  private boolean authenticated(HttpExchange exchange, String pathAuthId) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String credentials;
    try {
      credentials =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      return false;
    }
    return config.authId().equals(pathAuthId)
        & constantTimeEquals(credentials.substring(0, colon), config.authId())
        & constantTimeEquals(credentials.substring(colon + 1), config.authToken());
  }

  private static boolean constantTimeEquals(String actual, String expected) {
    return MessageDigest.isEqual(
        actual.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static void pause(Fault fault) {
    if (fault.delay().isZero()) {
      return;
    }
    try {
      Thread.sleep(fault.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept(HttpExchange exchange, Arrival arrival) throws IOException {
    List<String> requestUuids = new ArrayList<>();
    List<CallRecord> calls = new ArrayList<>();
    for (String number : arrival.request().to()) {
      String requestUuid = UUID.randomUUID().toString();
      CallOutcome outcome = outcomes.pick(number);
      calls.add(
          registry.add(
              sequence ->
                  new CallRecord(
                      sequence,
                      requestUuid,
                      UUID.randomUUID().toString(),
                      arrival.request(),
                      number,
                      arrival.receivedAt(),
                      arrival.receivedNanos(),
                      201,
                      outcome)));
      requestUuids.add(requestUuid);
    }
    // Placed before answering, like Plivo: the call goes ahead even if the client stopped waiting.
    calls.forEach(lifecycle::begin);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("api_id", UUID.randomUUID().toString());
    body.put("message", "call fired");
    body.put("request_uuid", requestUuids.size() == 1 ? requestUuids.get(0) : requestUuids);
    log.debug("Make-Call 201 to {}: request_uuid {}", arrival.request().to(), requestUuids);
    reply(exchange, 201, body);
  }

  private void refuseWithFault(HttpExchange exchange, Arrival arrival, Fault fault)
      throws IOException {
    record(arrival, fault.status());
    log.info(
        "Make-Call {} (injected fault) to {}",
        fault.status(),
        arrival.request().params().get("to"));
    byte[] body =
        fault.body() != null
            ? fault.body().getBytes(StandardCharsets.UTF_8)
            : mapper.writeValueAsBytes(HttpExchanges.plivoError(fault.errorText()));
    HttpExchanges.send(exchange, fault.status(), "application/json", body);
  }

  private void refuse(HttpExchange exchange, Arrival arrival, int status, Map<String, Object> body)
      throws IOException {
    record(arrival, status);
    log.info(
        "Make-Call {} to {}: {}", status, arrival.request().params().get("to"), body.get("error"));
    reply(exchange, status, body);
  }

  private void record(Arrival arrival, int status) {
    registry.add(
        sequence ->
            new CallRecord(
                sequence,
                null,
                null,
                arrival.request(),
                arrival.request().params().get("to"),
                arrival.receivedAt(),
                arrival.receivedNanos(),
                status,
                null));
  }

  private void reply(HttpExchange exchange, int status, Object body) throws IOException {
    HttpExchanges.sendJson(exchange, status, mapper, body);
  }

  private record Arrival(MakeCallRequest request, Instant receivedAt, long receivedNanos) {}
}
