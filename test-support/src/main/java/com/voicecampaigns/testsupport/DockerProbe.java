package com.voicecampaigns.testsupport;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers, asked once; any failure to ask counts as no. */
public final class DockerProbe {

  private static Boolean available;

  private DockerProbe() {}

  public static synchronized boolean dockerAvailable() {
    if (available == null) {
      try {
        available = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        available = false;
      }
    }
    return available;
  }
}
