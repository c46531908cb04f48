package com.voicecampaigns.simulator;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * The append-only audit log: one JSON object per line, each written with a single unbuffered write
 * as it happens, so a reader sees every line up to the moment the simulator died (SIGKILL
 * included). The line format is described in {@link com.voicecampaigns.simulator.audit.AuditLog},
 * which reads it.
 */
final class AuditLogWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditLogWriter.class);
  static final int FORMAT_VERSION = 1;

  private final ObjectMapper mapper;
  private final OutputStream out;
  private boolean failed;

  private AuditLogWriter(ObjectMapper mapper, OutputStream out) {
    this.mapper = mapper;
    this.out = out;
  }

  /** Appends to {@code path} (created with its directories if missing); null writes nothing. */
  static AuditLogWriter open(Path path, ObjectMapper mapper, String authId, Instant now) {
    if (path == null) {
      return new AuditLogWriter(mapper, null);
    }
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      AuditLogWriter writer = new AuditLogWriter(mapper, new FileOutputStream(path.toFile(), true));
      Map<String, Object> start = line("start");
      start.put("at", now);
      start.put("version", FORMAT_VERSION);
      start.put("authId", authId);
      writer.write(start);
      return writer;
    } catch (IOException e) {
      throw new SimulatorStartException("cannot open the audit log " + path + ": " + e, e);
    }
  }

  /** A Make-Call request and what became of it: the calls placed (none when refused). */
  void request(
      Arrival arrival, MakeCallRequest request, int status, String fault, List<CallRecord> calls) {
    if (out == null) {
      return;
    }
    Map<String, Object> line = line("request");
    line.put("request", arrival.requestId());
    line.put("receivedAt", arrival.receivedAt());
    line.put("from", request.from());
    line.put("to", request.to());
    line.put("answerUrl", request.answerUrl());
    line.put("hangupUrl", request.hangupUrl());
    line.put("fault", fault);
    line.put("status", status);
    line.put("placed", !calls.isEmpty());
    List<Map<String, Object>> placed = new ArrayList<>();
    for (CallRecord call : calls) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("callUuid", call.callUuid());
      entry.put("requestUuid", call.requestUuid());
      entry.put("to", call.to());
      entry.put("outcome", call.outcome());
      entry.put("machine", call.placement().machine());
      entry.put("placedAt", call.placement().at());
      placed.add(entry);
    }
    line.put("calls", placed);
    write(line);
  }

  /** The answer was written ({@code delivered}) or the connection closed ({@code status} -1). */
  void response(long requestId, Instant at, int status, boolean delivered) {
    if (out == null) {
      return;
    }
    Map<String, Object> line = line("response");
    line.put("request", requestId);
    line.put("at", at);
    line.put("status", status);
    line.put("delivered", delivered);
    write(line);
  }

  /** One callback attempt: ring, answer, machine or hangup. */
  void callback(
      CallRecord call, String kind, String url, Instant at, CallbackResult result, int attempt) {
    if (out == null) {
      return;
    }
    Map<String, Object> line = line("callback");
    line.put("request", call.requestId());
    line.put("callUuid", call.callUuid());
    line.put("kind", kind);
    line.put("url", url);
    line.put("at", at);
    line.put("status", result.status());
    line.put("error", result.error());
    line.put("attempt", attempt);
    line.put("body", "answer".equals(kind) ? result.body() : null);
    write(line);
  }

  void ended(CallRecord call, Instant at, Map<String, String> hangupParams) {
    if (out == null) {
      return;
    }
    Map<String, Object> line = line("ended");
    line.put("request", call.requestId());
    line.put("callUuid", call.callUuid());
    line.put("at", at);
    line.put("callStatus", hangupParams.get("CallStatus"));
    line.put("hangupCause", hangupParams.get("HangupCause"));
    line.put("machine", call.machine());
    write(line);
  }

  private static Map<String, Object> line(String event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    return line;
  }

  private synchronized void write(Map<String, Object> line) {
    if (failed) {
      return;
    }
    byte[] json = mapper.writeValueAsBytes(line);
    byte[] bytes = new byte[json.length + 1];
    System.arraycopy(json, 0, bytes, 0, json.length);
    bytes[json.length] = '\n';
    try {
      out.write(bytes);
    } catch (IOException e) {
      failed = true;
      log.error("the audit log cannot be written any more: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      log.warn("closing the audit log failed: {}", e.toString());
    }
  }
}
