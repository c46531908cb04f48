package com.voicecampaigns.testsupport.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's in-memory backend, answering MongoDB's {@code hello} command too.
 *
 * <p>mongo-java-server 1.47 knows only the legacy {@code isMaster}, so {@code {hello: 1}} fails
 * with "no such command", and Spring Boot's {@code MongoHealthIndicator}, which runs exactly that
 * on every database, reports MongoDB DOWN. {@code hello} is {@code isMaster} renamed (MongoDB
 * 4.4.2+): the same reply, with {@code isWritablePrimary} in place of {@code ismaster}.
 */
public final class HelloMemoryBackend extends MemoryBackend {

  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    if (!"hello".equalsIgnoreCase(command)) {
      return super.handleCommand(channel, databaseName, command, query);
    }
    Document isMaster = super.handleCommand(channel, databaseName, "isMaster", query);
    Document hello = new Document();
    isMaster.forEach(
        (key, value) -> hello.put("ismaster".equals(key) ? "isWritablePrimary" : key, value));
    hello.putIfAbsent("readOnly", false);
    return hello;
  }
}
