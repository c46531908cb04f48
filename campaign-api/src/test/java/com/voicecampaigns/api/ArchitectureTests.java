package com.voicecampaigns.api;

import com.voicecampaigns.testsupport.architecture.ServiceArchitectureTests;

/** The build's architecture rules for campaign-api (see {@code ArchitectureRules}). */
class ArchitectureTests extends ServiceArchitectureTests {

  ArchitectureTests() {
    super("com.voicecampaigns.api");
  }
}
