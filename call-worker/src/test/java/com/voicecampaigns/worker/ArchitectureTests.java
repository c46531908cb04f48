package com.voicecampaigns.worker;

import com.voicecampaigns.testsupport.architecture.ServiceArchitectureTests;

/** The build's architecture rules for call-worker (see {@code ArchitectureRules}). */
class ArchitectureTests extends ServiceArchitectureTests {

  ArchitectureTests() {
    super("com.voicecampaigns.worker");
  }
}
