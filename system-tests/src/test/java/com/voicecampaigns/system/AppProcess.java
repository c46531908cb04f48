package com.voicecampaigns.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One application running from its executable jar in a JVM of its own, as in production: it is
 * configured by command-line properties, logs to a file, and is ready when its readiness probe says
 * so.
 */
final class AppProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private AppProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code <apps>/<name>-exec.jar} on {@code port} and waits until it is ready. */
  static AppProcess start(String name, int port, Map<String, String> properties) {
    Path jar = Path.of(System.getProperty("system-tests.apps", "target/apps"), name + "-exec.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the applications first (./mvnw verify builds them in order)");
    }
    Path logs = Path.of(System.getProperty("system-tests.logs", "target/app-logs"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(name + "-" + port + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      AppProcess app = new AppProcess(name, port, log, process);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      app.awaitReady();
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private void awaitReady() {
    HttpRequest readiness =
        HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up:\n" + logTail());
      }
      try {
        if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while " + name + " started", e);
      }
      waitFor(Duration.ofMillis(250));
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        name + " was not ready within " + STARTUP_TIMEOUT + ":\n" + logTail());
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, as Kubernetes stops a pod: the application shuts down gracefully. */
  @Override
  public void close() {
    process.destroy();
    if (!waitFor(Duration.ofSeconds(40))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
  }

  /** SIGKILL: the process dies without running any shutdown code. */
  void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  private boolean waitFor(Duration duration) {
    try {
      return process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
