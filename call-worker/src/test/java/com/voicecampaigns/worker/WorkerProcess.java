package com.voicecampaigns.worker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A call worker in a JVM of its own, started from the test class path, so that a test can kill it
 * the way an OOM killer or a node failure does (SIGKILL, no shutdown hook, no lease released), or
 * freeze it and let it run on later (SIGSTOP, SIGCONT).
 */
public final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private WorkerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static WorkerProcess start(Map<String, String> properties, int port, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CallWorkerApplication.class.getName());
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      WorkerProcess worker = new WorkerProcess(process, port, log);
      worker.awaitHealthy();
      return worker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
            .build();
    Awaitility.await("worker process on port " + port + " healthy (log: " + log + ")")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("worker process exited; see " + log);
              }
              try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode()
                    == 200;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  /** SIGKILL: the process gets no chance to release anything. Answers its exit code. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("worker process did not die");
    }
    return process.exitValue();
  }

  /** SIGSTOP: the process is frozen where it stands, as a long GC pause or a starved VM. */
  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: a frozen process runs on, its clocks now late, as if nothing had happened. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  public File log() {
    return log.toFile();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
