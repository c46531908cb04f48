package com.voicecampaigns.faults.harness;

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
import java.util.concurrent.TimeUnit;

/**
 * One executable jar in a JVM of its own, on a loopback port, logging to a file; ready when {@code
 * readyPath} answers 200. It can be stopped (SIGTERM), killed (SIGKILL), frozen (SIGSTOP) and
 * resumed (SIGCONT).
 */
public final class JarProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private JarProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code java -jar jar args} and waits until {@code readyPath} on {@code port} is 200;
   * with {@code extraClasses} (null for none), the jar's classes and those together, through Spring
   * Boot's {@code PropertiesLauncher} and its {@code loader.path}.
   */
  static JarProcess start(
      String name,
      Path jar,
      Path extraClasses,
      int port,
      List<String> args,
      Path log,
      String readyPath) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: bin/fault-suite builds it");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    if (extraClasses == null) {
      command.addAll(List.of("-jar", jar.toString()));
    } else {
      command.addAll(
          List.of(
              "-cp",
              jar.toString(),
              "-Dloader.path=" + extraClasses,
              "org.springframework.boot.loader.launch.PropertiesLauncher"));
    }
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      ChildProcesses.add(process);
      JarProcess started = new JarProcess(name, port, log, process);
      started.awaitReady(readyPath);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private void awaitReady(String readyPath) {
    HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + readyPath)).build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up:\n" + logTail());
      }
      try {
        if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IllegalStateException("interrupted while " + name + " started", e);
      }
      waitFor(Duration.ofMillis(250));
    }
    kill();
    throw new IllegalStateException(
        name + " was not ready within " + STARTUP_TIMEOUT + ":\n" + logTail());
  }

  public String name() {
    return name;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGKILL: no shutdown code runs. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
    ChildProcesses.remove(process);
  }

  /** SIGSTOP: the process stops answering; its sockets stay open. */
  public void freeze() {
    signal("-STOP");
  }

  /** SIGCONT. */
  public void thaw() {
    signal("-CONT");
  }

  /** SIGTERM (after a SIGCONT, a frozen process would not act on it), SIGKILL after 30 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      ChildProcesses.remove(process);
      return;
    }
    signal("-CONT");
    process.destroy();
    if (!waitFor(Duration.ofSeconds(30))) {
      kill();
    }
    ChildProcesses.remove(process);
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
