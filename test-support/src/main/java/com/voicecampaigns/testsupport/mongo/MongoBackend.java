package com.voicecampaigns.testsupport.mongo;

import java.util.concurrent.atomic.AtomicInteger;

/** Where the tests' MongoDB lives. Each test class gets a database of its own on it. */
public record MongoBackend(String connectionString, String description) {

  private static final AtomicInteger databases = new AtomicInteger();

  /**
   * A database name not used before in this JVM, readable in logs: {@code t3_DispatcherTests}.
   * MongoDB limits names to 63 bytes and forbids {@code ./\ "$}.
   */
  public static String freshDatabaseName(Class<?> testClass) {
    String name = "t" + databases.incrementAndGet() + "_" + testClass.getSimpleName();
    return name.length() > 63 ? name.substring(0, 63) : name;
  }
}
