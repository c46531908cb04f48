package com.voicecampaigns.dispatcher;

import com.voicecampaigns.testsupport.architecture.ServiceArchitectureTests;

/** The build's architecture rules for campaign-dispatcher (see {@code ArchitectureRules}). */
class ArchitectureTests extends ServiceArchitectureTests {

  ArchitectureTests() {
    super("com.voicecampaigns.dispatcher");
  }
}
