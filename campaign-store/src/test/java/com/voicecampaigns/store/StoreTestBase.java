package com.voicecampaigns.store;

import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.testsupport.mongo.MongoBackends;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store's beans against the tests' MongoDB (the in-process mongo-java-server here, a real
 * MongoDB with {@code MONGODB_URI}), one database for every store test class (one cached context).
 */
@SpringBootTest(classes = StoreTestApplication.class)
public abstract class StoreTestBase {

  private static final String DATABASE = MongoBackend.freshDatabaseName(StoreTestBase.class);

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    registry.add("spring.mongodb.uri", () -> MongoBackends.shared().connectionString());
    registry.add("spring.mongodb.database", () -> DATABASE);
  }

  @Autowired protected MongoTemplate mongo;
}
