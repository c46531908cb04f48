package com.voicecampaigns.simulator.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Joins the lines of an audit log into requests, calls and callbacks. */
final class AuditLogParser {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, RequestLines> requests = new LinkedHashMap<>();
  private final Map<String, CallLines> calls = new HashMap<>();
  private int run;

  /**
   * Takes one line.
   *
   * @return false when the last line is torn (skipped)
   * @throws IllegalArgumentException for a line that cannot be read and is not the last
   */
  boolean accept(String text, int number, boolean last) {
    JsonNode line;
    try {
      line = JSON.readTree(text);
    } catch (JacksonException e) {
      if (last) {
        return false;
      }
      throw new IllegalArgumentException("line " + number + " of the audit log is not JSON", e);
    }
    if (line == null || !line.has("event")) {
      throw new IllegalArgumentException("line " + number + " of the audit log has no event");
    }
    String event = line.get("event").asString();
    switch (event) {
      case "start" -> run++;
      case "request" -> request(line);
      case "response" -> {
        RequestLines request = requests.get(key(line.get("request").asLong()));
        if (request != null) {
          request.respondedAt = instant(line, "at");
          request.status = line.get("status").asInt();
          request.delivered = line.get("delivered").asBoolean();
        }
      }
      case "callback" -> {
        CallLines call = calls.get(line.get("callUuid").asString());
        if (call != null) {
          call.callbacks.add(
              new AuditedCallback(
                  line.get("kind").asString(),
                  text(line, "url"),
                  instant(line, "at"),
                  line.get("status").asInt(),
                  text(line, "error"),
                  line.get("attempt").asInt(),
                  text(line, "body")));
        }
      }
      case "ended" -> {
        CallLines call = calls.get(line.get("callUuid").asString());
        if (call != null) {
          call.endedAt = instant(line, "at");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "line " + number + " of the audit log has an unknown event " + event);
    }
    return true;
  }

  private void request(JsonNode line) {
    RequestLines request = new RequestLines();
    request.line = line;
    request.status = line.get("status").asInt();
    long number = line.get("request").asLong();
    for (JsonNode placed : line.get("calls")) {
      CallLines call = new CallLines();
      call.line = placed;
      call.request = number;
      call.answerUrl = text(line, "answerUrl");
      calls.put(placed.get("callUuid").asString(), call);
      request.calls.add(call);
    }
    requests.put(key(number), request);
  }

  List<AuditedRequest> requests() {
    List<AuditedRequest> result = new ArrayList<>();
    for (RequestLines request : requests.values()) {
      JsonNode line = request.line;
      List<String> to = new ArrayList<>();
      line.get("to").forEach(number -> to.add(number.asString()));
      result.add(
          new AuditedRequest(
              request.run,
              line.get("request").asLong(),
              instant(line, "receivedAt"),
              request.respondedAt,
              text(line, "from"),
              to,
              text(line, "answerUrl"),
              text(line, "hangupUrl"),
              text(line, "fault"),
              request.status,
              request.delivered,
              request.calls.stream().map(call -> call.build(request.run)).toList()));
    }
    return result;
  }

  private String key(long request) {
    return run + ":" + request;
  }

  private static String text(JsonNode line, String field) {
    JsonNode value = line.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static Instant instant(JsonNode line, String field) {
    String value = text(line, field);
    return value == null ? null : Instant.parse(value);
  }

  private final class RequestLines {
    final int run = AuditLogParser.this.run;
    JsonNode line;
    Instant respondedAt;
    int status;
    Boolean delivered;
    final List<CallLines> calls = new ArrayList<>();
  }

  private static final class CallLines {
    JsonNode line;
    long request;
    String answerUrl;
    Instant endedAt;
    final List<AuditedCallback> callbacks = new ArrayList<>();

    AuditedCall build(int run) {
      JsonNode machine = line.get("machine");
      return new AuditedCall(
          run,
          request,
          text(line, "callUuid"),
          text(line, "requestUuid"),
          text(line, "to"),
          text(line, "outcome"),
          machine == null || machine.isNull() ? null : machine.asBoolean(),
          instant(line, "placedAt"),
          endedAt,
          answerUrl,
          callbacks);
    }
  }
}
