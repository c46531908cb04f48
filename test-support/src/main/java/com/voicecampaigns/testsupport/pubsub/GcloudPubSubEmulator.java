package com.voicecampaigns.testsupport.pubsub;

import com.voicecampaigns.testsupport.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the Pub/Sub emulator that the Google Cloud CLI installs ({@code
 * platform/pubsub-emulator/bin/cloud-pubsub-emulator} under the SDK root) and stops it, with
 * everything it spawned, when the JVM exits.
 */
public final class GcloudPubSubEmulator {

  static final String MISSING =
      "No Pub/Sub backend for the tests: set PUBSUB_EMULATOR_HOST to a running emulator, start a"
          + " Docker engine, or install the Google Cloud CLI with its Pub/Sub emulator"
          + " (Debian: apt-get install google-cloud-cli google-cloud-cli-pubsub-emulator;"
          + " otherwise: gcloud components install beta pubsub-emulator)."
          + " GCLOUD_SDK_ROOT may point at the SDK root.";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private GcloudPubSubEmulator() {}

  /** A running emulator that its owner stops (with everything it spawned) when done with it. */
  public record Running(String hostPort, Process process) implements AutoCloseable {
    @Override
    public void close() {
      stop(process);
    }
  }

  /** Starts the emulator on a free loopback port; answers its {@code host:port}. */
  public static String startOnFreePort() {
    return start().hostPort();
  }

  /**
   * Starts the emulator on a free loopback port, for an owner that stops it before the JVM exits
   * (it is stopped then in any case).
   */
  public static Running start() {
    return startOn(FreePorts.find());
  }

  /**
   * Starts the emulator on {@code port} of the loopback address, e.g. again on the port of one that
   * was stopped (an emulator restarted keeps no topic, subscription or message).
   */
  public static Running startOn(int port) {
    Path script =
        findScript()
            .orElseThrow(() -> new IllegalStateException(MISSING + " (no emulator script found)"));
    String hostPort = "127.0.0.1:" + port;
    try {
      Path logFile = Files.createTempFile("pubsub-emulator-", ".log");
      Process process =
          new ProcessBuilder(script.toString(), "--host=127.0.0.1", "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> stop(process), "pubsub-emulator-shutdown"));
      awaitReady(process, hostPort, logFile);
      return new Running(hostPort, process);
    } catch (IOException e) {
      throw new IllegalStateException(MISSING + " (" + script + " could not start: " + e + ")", e);
    }
  }

  static Optional<Path> findScript() {
    List<Path> roots = new ArrayList<>();
    String configured = System.getenv("GCLOUD_SDK_ROOT");
    if (configured != null && !configured.isBlank()) {
      roots.add(Path.of(configured));
    }
    sdkRootFromGcloud().ifPresent(roots::add);
    roots.add(Path.of("/usr/lib/google-cloud-sdk"));
    roots.add(Path.of("/usr/share/google-cloud-sdk"));
    roots.add(Path.of(System.getProperty("user.home"), "google-cloud-sdk"));
    return roots.stream()
        .map(root -> root.resolve("platform/pubsub-emulator/bin/cloud-pubsub-emulator"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Optional<Path> sdkRootFromGcloud() {
    try {
      Process gcloud =
          new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (gcloud.waitFor(30, TimeUnit.SECONDS) && gcloud.exitValue() == 0 && !out.isBlank()) {
        return Optional.of(Path.of(out.strip()));
      }
    } catch (IOException e) {
      // gcloud is not on the PATH: fall back to the usual install locations
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private static void awaitReady(Process process, String hostPort, Path logFile)
      throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + hostPort + "/")).build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Pub/Sub emulator exited during start-up:\n" + Files.readString(logFile));
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the Pub/Sub emulator started", e);
      }
      try {
        process.waitFor(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the Pub/Sub emulator started", e);
      }
    }
    stop(process);
    throw new IllegalStateException(
        "the Pub/Sub emulator did not answer on "
            + hostPort
            + " within "
            + STARTUP_TIMEOUT
            + ":\n"
            + Files.readString(logFile));
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
