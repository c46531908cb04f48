package com.voicecampaigns.api;

import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.assertMainClassesAreSmall;
import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.mainClasses;
import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.meetsOtherServicesOnlyThroughTheBrokerAndTheStore;
import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.touchesMongoDbOnlyThroughTheStore;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.voicecampaigns.testsupport.architecture.ArchitectureRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's architecture rules for campaign-api (see {@code ArchitectureRules}). */
class ArchitectureTests {

  private static final String SERVICE = "com.voicecampaigns.api";
  private static final JavaClasses CLASSES = mainClasses(SERVICE);

  @Test
  void usesNoOtherServiceOnlyTheSharedModelAndTheStore() {
    meetsOtherServicesOnlyThroughTheBrokerAndTheStore(SERVICE).check(CLASSES);
  }

  @Test
  void reachesMongoDbOnlyThroughTheStore() {
    touchesMongoDbOnlyThroughTheStore(SERVICE).check(CLASSES);
  }

  @Test
  void namesTheBrokerOnlyInConfiguration() {
    ArchitectureRules.namesTheBrokerOnlyInConfiguration(SERVICE).check(CLASSES);
  }

  @Test
  void noMainClassIsOver250Lines() {
    assertMainClassesAreSmall(Path.of("src/main/java"));
  }
}
