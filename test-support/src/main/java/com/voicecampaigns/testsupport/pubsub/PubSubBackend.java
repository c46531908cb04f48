package com.voicecampaigns.testsupport.pubsub;

/** Where the tests' Pub/Sub lives: a host:port speaking the Pub/Sub emulator's gRPC API. */
public record PubSubBackend(String emulatorHost, String projectId, String description) {

  /** The project id the emulator accepts; any well-formed id works against an emulator. */
  public static final String TEST_PROJECT = "voice-campaigns-test";
}
