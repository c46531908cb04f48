package com.voicecampaigns.testsupport.pubsub;

import com.voicecampaigns.testsupport.DockerProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.gcloud.PubSubEmulatorContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Chooses the Pub/Sub backend once per test JVM: {@code PUBSUB_EMULATOR_HOST} when set, else a
 * Testcontainers emulator when a Docker engine answers, else the emulator that the Google Cloud CLI
 * installs, started on a free port and stopped when the JVM exits.
 */
public final class PubSubBackends {

  private static final Logger log = LoggerFactory.getLogger(PubSubBackends.class);
  private static final String EMULATOR_IMAGE =
      "gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators";

  private static PubSubBackend shared;

  private PubSubBackends() {}

  public static synchronized PubSubBackend shared() {
    if (shared == null) {
      shared = select();
      String line = "Pub/Sub backend: " + shared.description();
      log.info(line);
      System.out.println("[test-infrastructure] " + line);
    }
    return shared;
  }

  private static PubSubBackend select() {
    String fromEnvironment = System.getenv("PUBSUB_EMULATOR_HOST");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      String project =
          System.getenv().getOrDefault("PUBSUB_PROJECT_ID", PubSubBackend.TEST_PROJECT);
      return new PubSubBackend(
          fromEnvironment, project, "emulator at " + fromEnvironment + " (PUBSUB_EMULATOR_HOST)");
    }
    if (DockerProbe.dockerAvailable()) {
      var container = new PubSubEmulatorContainer(DockerImageName.parse(EMULATOR_IMAGE));
      container.start();
      return new PubSubBackend(
          container.getEmulatorEndpoint(),
          PubSubBackend.TEST_PROJECT,
          "Testcontainers emulator at " + container.getEmulatorEndpoint());
    }
    String host = GcloudPubSubEmulator.startOnFreePort();
    return new PubSubBackend(
        host, PubSubBackend.TEST_PROJECT, "Google Cloud CLI emulator at " + host + " (no Docker)");
  }
}
