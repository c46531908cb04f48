package com.voicecampaigns.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build's architecture rules for one service (see {@link ArchitectureRules}); each service's
 * {@code ArchitectureTests} extends it with its root package.
 */
public abstract class ServiceArchitectureTests {

  private final String service;
  private final JavaClasses classes;

  protected ServiceArchitectureTests(String servicePackage) {
    this.service = servicePackage;
    this.classes = ArchitectureRules.mainClasses(servicePackage);
  }

  @Test
  void usesNoOtherServiceOnlyTheSharedModelAndTheStore() {
    ArchitectureRules.meetsOtherServicesOnlyThroughTheBrokerAndTheStore(service).check(classes);
  }

  @Test
  void reachesMongoDbOnlyThroughTheStore() {
    ArchitectureRules.touchesMongoDbOnlyThroughTheStore(service).check(classes);
  }

  @Test
  void namesTheBrokerOnlyInConfiguration() {
    ArchitectureRules.namesTheBrokerOnlyInConfiguration(service).check(classes);
  }

  @Test
  void noMainClassIsOver250Lines() {
    ArchitectureRules.assertMainClassesAreSmall(Path.of("src/main/java"));
  }
}
