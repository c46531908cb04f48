package com.voicecampaigns.faults.harness;

import com.voicecampaigns.simulator.audit.AuditLog;
import com.voicecampaigns.testsupport.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Plivo simulator from its executable jar, writing its own record of every request, answer and
 * callback to an audit log ({@code --audit-log}) that the audit reads; faults are switched on and
 * off through its admin API.
 */
public final class Simulator implements AutoCloseable {

  public static final String AUTH_ID = "MAFAULTSUITE00000001";
  public static final String AUTH_TOKEN = "fault-suite-auth-token-loopback-only-0001";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final JarProcess process;
  private final Path auditLog;

  private Simulator(JarProcess process, Path auditLog) {
    this.process = process;
    this.auditLog = auditLog;
  }

  static Simulator start(Path jar, Path dir) throws IOException {
    Path auditLog = dir.resolve("plivo-simulator-audit.jsonl");
    Files.deleteIfExists(auditLog);
    int port = FreePorts.find();
    List<String> args =
        List.of(
            "--port",
            String.valueOf(port),
            "--auth-id",
            AUTH_ID,
            "--auth-token",
            AUTH_TOKEN,
            "--ring-delay",
            "100ms",
            "--call-duration",
            "1s",
            "--seed",
            "14",
            // a timeout fault holds the answer past the worker's read timeout (3s), then closes
            "--fault-hold",
            "5s",
            "--audit-log",
            auditLog.toString());
    JarProcess process =
        JarProcess.start(
            "plivo-simulator",
            jar,
            null,
            port,
            args,
            dir.resolve("plivo-simulator.log"),
            "/health");
    return new Simulator(process, auditLog);
  }

  public String apiUrl() {
    return process.url() + "/v1/";
  }

  /** Everything the simulator recorded so far. */
  public AuditLog audit() {
    return AuditLog.read(auditLog);
  }

  public Path auditLog() {
    return auditLog;
  }

  /** Standing fault shares, e.g. {@code {"500":0.1,"504-after-placing":0.1}}; {@code {}} = none. */
  public void faultShares(String json) {
    put("/__admin/fault-shares", json);
  }

  /** The next request not yet claimed by a queued fault gets this one ({@code 500}, …). */
  public void queueFault(String name) {
    send(
        HttpRequest.newBuilder(URI.create(process.url() + "/__admin/faults"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"fault\":\"" + name + "\"}")));
  }

  /** Keep-alive connections idle this long are closed by the simulator; zero: never. */
  public void idleTimeout(Duration idle) {
    put("/__admin/idle-timeout", "{\"idleTimeoutMillis\":" + idle.toMillis() + "}");
  }

  /** Connections opened, open, and closed for idling, as the simulator counts them (JSON). */
  public String connections() {
    return send(HttpRequest.newBuilder(URI.create(process.url() + "/__admin/connections")).GET());
  }

  private void put(String path, String json) {
    send(
        HttpRequest.newBuilder(URI.create(process.url() + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private String send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "simulator admin answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("simulator admin unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
