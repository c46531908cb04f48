package com.voicecampaigns.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one {@link RunningSystem} for the whole test run: starting three services
 * costs a minute on a small machine, so every system test shares them, and JUnit stops them (a
 * graceful SIGTERM each) when the run ends. Tests that share it keep to their own contacts.
 */
final class SharedSystem implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedSystem.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RunningSystem.class;
  }

  @Override
  public RunningSystem resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            RunningSystem.class,
            key -> RunningSystem.start(SharedSystem.class),
            RunningSystem.class);
  }
}
