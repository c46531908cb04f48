package com.voicecampaigns.benchmark;

import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.assertMainClassesAreSmall;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

  @Test
  void noMainClassIsOver250Lines() {
    assertMainClassesAreSmall(Path.of("src/main/java"));
  }
}
