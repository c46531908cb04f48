package com.voicecampaigns.testsupport.mongo;

import com.voicecampaigns.testsupport.DockerProbe;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Chooses the MongoDB backend once per test JVM: {@code MONGODB_URI} when set, else a
 * Testcontainers MongoDB 7 replica set when a Docker engine answers, else an in-process
 * mongo-java-server speaking the wire protocol on a loopback port.
 */
public final class MongoBackends {

  private static final Logger log = LoggerFactory.getLogger(MongoBackends.class);

  private static MongoBackend shared;

  private MongoBackends() {}

  public static synchronized MongoBackend shared() {
    if (shared == null) {
      shared = select();
      String line = "MongoDB backend: " + shared.description();
      log.info(line);
      System.out.println("[test-infrastructure] " + line);
    }
    return shared;
  }

  private static MongoBackend select() {
    String fromEnvironment = System.getenv("MONGODB_URI");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new MongoBackend(fromEnvironment, "MongoDB at MONGODB_URI");
    }
    if (DockerProbe.dockerAvailable()) {
      var container = new MongoDBContainer("mongo:7");
      container.start();
      return new MongoBackend(
          container.getReplicaSetUrl(),
          "Testcontainers mongo:7 at " + container.getReplicaSetUrl());
    }
    MongoServer server = new MongoServer(new HelloMemoryBackend());
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-java-server"));
    String uri = "mongodb://127.0.0.1:" + address.getPort();
    return new MongoBackend(uri, "in-process mongo-java-server at " + uri + " (no Docker)");
  }
}
