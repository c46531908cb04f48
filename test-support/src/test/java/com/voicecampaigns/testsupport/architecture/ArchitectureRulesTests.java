package com.voicecampaigns.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.voicecampaigns.fixture.alpha.Clean;
import com.voicecampaigns.fixture.alpha.UsesAnotherService;
import com.voicecampaigns.fixture.alpha.UsesBson;
import com.voicecampaigns.fixture.alpha.UsesPubSub;
import com.voicecampaigns.fixture.alpha.config.BrokerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services' architecture rules refuse what they are there to refuse. */
class ArchitectureRulesTests {

  static final String SERVICE = "com.voicecampaigns.fixture.alpha";

  @Test
  void aServiceImportingAnotherServiceBreaksTheBuild() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.meetsOtherServicesOnlyThroughTheBrokerAndTheStore(SERVICE)
                    .check(classes(UsesAnotherService.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("UsesAnotherService")
        .hasMessageContaining("Beta");
    assertThatCode(
            () ->
                ArchitectureRules.meetsOtherServicesOnlyThroughTheBrokerAndTheStore(SERVICE)
                    .check(classes(Clean.class, UsesBson.class)))
        .doesNotThrowAnyException();
  }

  @Test
  void aServiceTouchingMongoDbItselfBreaksTheBuild() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.touchesMongoDbOnlyThroughTheStore(SERVICE)
                    .check(classes(UsesBson.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.bson.Document");
    assertThatCode(
            () ->
                ArchitectureRules.touchesMongoDbOnlyThroughTheStore(SERVICE)
                    .check(classes(Clean.class, UsesAnotherService.class)))
        .doesNotThrowAnyException();
  }

  @Test
  void aServiceNamingTheBrokerOutsideItsConfigurationBreaksTheBuild() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.namesTheBrokerOnlyInConfiguration(SERVICE)
                    .check(classes(UsesPubSub.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("UsesPubSub")
        .hasMessageContaining("com.google.pubsub.v1.PubsubMessage");
    assertThatCode(
            () ->
                ArchitectureRules.namesTheBrokerOnlyInConfiguration(SERVICE)
                    .check(classes(Clean.class, BrokerConfig.class)))
        .doesNotThrowAnyException();
  }

  @Test
  void aMainClassOver250LinesBreaksTheBuild(@TempDir Path sources) throws IOException {
    Files.writeString(sources.resolve("Fits.java"), "\n".repeat(250));
    assertThatCode(() -> ArchitectureRules.assertMainClassesAreSmall(sources))
        .doesNotThrowAnyException();

    Files.createDirectories(sources.resolve("pkg"));
    Files.writeString(sources.resolve("pkg/TooLong.java"), "\n".repeat(251));
    assertThatThrownBy(() -> ArchitectureRules.assertMainClassesAreSmall(sources))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("TooLong.java (251 lines)");
  }

  private static JavaClasses classes(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }
}
