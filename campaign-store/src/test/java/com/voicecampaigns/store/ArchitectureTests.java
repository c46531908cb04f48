package com.voicecampaigns.store;

import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.assertMainClassesAreSmall;
import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.mainClasses;
import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.storeDependsOnNoService;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build's architecture rules for campaign-store (see {@code ArchitectureRules}). */
class ArchitectureTests {

  @Test
  void dependsOnNoService() {
    storeDependsOnNoService().check(mainClasses("com.voicecampaigns.store"));
  }

  @Test
  void noMainClassIsOver250Lines() {
    assertMainClassesAreSmall(Path.of("src/main/java"));
  }
}
