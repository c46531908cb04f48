package com.voicecampaigns.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /v1/Account/{authId}/Call/}: authenticates, applies the API request limit and any
 * fault, validates, places the calls ({@link CallPlacement}) and answers like Plivo, after the
 * configured latency. Waits are scheduled on the connection, never slept.
 */
final class MakeCallHandler {

  private static final Logger log = LoggerFactory.getLogger(MakeCallHandler.class);
  private static final Pattern CALL_PATH = Pattern.compile("^/v1/Account/([^/]+)/Call/?$");

  /** What a broken proxy might send: a 200 whose JSON stops half-way. */
  private static final byte[] GARBAGE =
      "{\"api_id\":\"5c1e\",\"message\":\"call fi".getBytes(StandardCharsets.UTF_8);

  private final SimulatorConfig config;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final FaultQueue faults;
  private final ResponseLatency latency;
  private final ApiRateLimiter rateLimiter;
  private final CallPlacement placement;
  private final AuditLogWriter audit;
  private final AtomicLong requestIds = new AtomicLong();

  MakeCallHandler(
      SimulatorConfig config,
      ObjectMapper mapper,
      FaultQueue faults,
      ResponseLatency latency,
      ApiRateLimiter rateLimiter,
      CallPlacement placement,
      AuditLogWriter audit) {
    this.config = config;
    this.clock = config.clock();
    this.mapper = mapper;
    this.faults = faults;
    this.latency = latency;
    this.rateLimiter = rateLimiter;
    this.placement = placement;
    this.audit = audit;
  }

  void handle(Exchange exchange) {
    InboundRequest http = exchange.request();
    Matcher path = CALL_PATH.matcher(http.path());
    if (!path.matches()) {
      exchange.respondJson(404, mapper, HttpErrors.plivoError("not found"));
      return;
    }
    if (!"POST".equals(http.method())) {
      exchange.respondJson(
          405, mapper, HttpErrors.plivoError("only POST (Make Call) is simulated"));
      return;
    }
    Arrival arrival = new Arrival(requestIds.incrementAndGet(), clock.instant(), System.nanoTime());
    MakeCallRequest request =
        MakeCallRequest.parse(path.group(1), http.header("Content-Type"), http.body(), mapper);
    if (!authenticated(http, request.authId())) {
      refuse(exchange, arrival, request, 401, "authentication failed", null);
      return;
    }
    if (!rateLimiter.tryAcquire(arrival.receivedNanos())) {
      String limit =
          rateLimiter.limit() + " requests per " + Durations.format(rateLimiter.window());
      refuse(exchange, arrival, request, 429, "too many requests: over " + limit, "api-rate-limit");
      return;
    }
    Fault fault = faults.next();
    if (fault == null) {
      serve(exchange, arrival, request, null);
    } else if (fault.passesThrough()) {
      exchange.after(fault.delay(), () -> serve(exchange, arrival, request, fault));
    } else if (!fault.placesCall()) {
      log.info("Make-Call to {}: injected fault {}", request.params().get("to"), fault.name());
      apply(
          exchange,
          arrival,
          fault,
          List.of(placement.refuse(arrival, request, fault.status(), fault.name())));
    } else if (request.validationError() != null) {
      refuse(exchange, arrival, request, 400, request.validationError(), null);
    } else {
      log.info("Make-Call to {}: injected fault {}", request.to(), fault.name());
      apply(
          exchange,
          arrival,
          fault,
          placement.place(arrival, request, fault.status(), fault.name()));
    }
  }

  private void serve(Exchange exchange, Arrival arrival, MakeCallRequest request, Fault delayed) {
    String invalid = request.validationError();
    if (invalid != null) {
      refuse(exchange, arrival, request, 400, invalid, null);
      return;
    }
    List<CallRecord> calls =
        placement.place(arrival, request, 201, delayed == null ? null : delayed.name());
    List<String> requestUuids = calls.stream().map(CallRecord::requestUuid).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("api_id", UUID.randomUUID().toString());
    body.put("message", "call fired");
    body.put("request_uuid", requestUuids.size() == 1 ? requestUuids.get(0) : requestUuids);
    log.debug("Make-Call 201 to {}: request_uuid {}", request.to(), requestUuids);
    answer(exchange, arrival, calls, latency.next(), 201, mapper.writeValueAsBytes(body));
  }

  private void refuse(
      Exchange exchange,
      Arrival arrival,
      MakeCallRequest request,
      int status,
      String error,
      String fault) {
    log.info("Make-Call {} to {}: {}", status, request.params().get("to"), error);
    CallRecord record = placement.refuse(arrival, request, status, fault);
    byte[] body = mapper.writeValueAsBytes(HttpErrors.plivoError(error));
    answer(exchange, arrival, List.of(record), latency.next(), status, body);
  }

  private void apply(Exchange exchange, Arrival arrival, Fault fault, List<CallRecord> records) {
    switch (fault.kind()) {
      case STATUS -> {
        byte[] body =
            fault.body() != null
                ? fault.body().getBytes(StandardCharsets.UTF_8)
                : mapper.writeValueAsBytes(HttpErrors.plivoError(fault.errorText()));
        answer(
            exchange, arrival, records, fault.delay().plus(latency.next()), fault.status(), body);
      }
      case GARBAGE -> answer(exchange, arrival, records, latency.next(), 200, GARBAGE);
      case TIMEOUT -> {
        Duration hold = fault.delay().isZero() ? config.api().faultHold() : fault.delay();
        exchange.after(hold, () -> drop(exchange, arrival, records));
      }
      case CLOSE -> drop(exchange, arrival, records);
    }
  }

  private void answer(
      Exchange exchange,
      Arrival arrival,
      List<CallRecord> records,
      Duration wait,
      int status,
      byte[] body) {
    exchange.after(
        wait,
        () -> {
          Instant at = clock.instant();
          records.forEach(record -> record.responded(at));
          exchange
              .respond(status, "application/json", body)
              .thenAccept(delivered -> audit.response(arrival.requestId(), at, status, delivered));
        });
  }

  private void drop(Exchange exchange, Arrival arrival, List<CallRecord> records) {
    exchange.drop();
    Instant at = clock.instant();
    records.forEach(record -> record.responded(at));
    audit.response(arrival.requestId(), at, -1, false);
  }

  private boolean authenticated(InboundRequest http, String pathAuthId) {
    String header = http.header("Authorization");
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
}
