package com.voicecampaigns.testsupport.mongo;

import de.bwaldvogel.mongo.MongoServer;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's MongoDB: mongo-java-server in memory, listening where a MongoDB would, so any
 * Mongo client can look in. Data lives as long as the process. {@code --port} (or {@code
 * MONGO_PORT}, default 27017) and {@code --host} (or {@code MONGO_HOST}, default 127.0.0.1).
 */
public final class EmbeddedMongoServer {

  private EmbeddedMongoServer() {}

  public static void main(String[] args) throws InterruptedException {
    String host = option(args, "--host", "MONGO_HOST", "127.0.0.1");
    int port = Integer.parseInt(option(args, "--port", "MONGO_PORT", "27017"));
    MongoServer server = new MongoServer(new HelloMemoryBackend());
    try {
      server.bind(host, port);
    } catch (RuntimeException e) {
      System.err.println(
          "embedded MongoDB: cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + rootMessage(e)
              + "); is the port in use? Set MONGO_PORT to another port.");
      System.exit(1);
    }
    System.out.println(
        "embedded MongoDB (mongo-java-server, in memory) listening on " + host + ":" + port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdownNow();
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static String option(String[] args, String flag, String env, String fallback) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(flag) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(flag + "=")) {
        return args[i].substring(flag.length() + 1);
      }
    }
    String fromEnvironment = System.getenv(env);
    return fromEnvironment == null || fromEnvironment.isBlank() ? fallback : fromEnvironment;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
