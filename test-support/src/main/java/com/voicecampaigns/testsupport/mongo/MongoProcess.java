package com.voicecampaigns.testsupport.mongo;

import static org.awaitility.Awaitility.await;

import com.voicecampaigns.testsupport.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The embedded mongo-java-server ({@link EmbeddedMongoServer}) in a JVM of its own, started from
 * the test's class path: its heap does not count towards the application's, and it can be paused
 * with SIGSTOP and resumed with SIGCONT, like a MongoDB that stops answering while its connections
 * stay open.
 */
public final class MongoProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private MongoProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts it with {@code -Xmx<maxHeap>}, output to {@code log}, and waits until it listens. */
  public static MongoProcess start(String maxHeap, Path log) {
    int port = FreePorts.find();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(
                  java,
                  "-Xmx" + maxHeap,
                  "-cp",
                  System.getProperty("java.class.path"),
                  EmbeddedMongoServer.class.getName(),
                  "--port",
                  String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      var mongo = new MongoProcess(process, port);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(mongo::acceptsConnections);
      return mongo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  /** SIGSTOP: the process stops answering; the kernel still accepts its TCP connections. */
  public void pause() {
    signal("-STOP");
  }

  /** SIGCONT: it answers again, including what it was sent while paused. */
  public void resume() {
    signal("-CONT");
  }

  @Override
  public void close() {
    resume(); // a stopped process would not act on SIGTERM
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean acceptsConnections() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("the MongoDB process exited with " + process.exitValue());
    }
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    }
  }
}
