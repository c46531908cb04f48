package com.voicecampaigns.worker.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.voicecampaigns.store.contact.ContactDocument;
import com.voicecampaigns.store.contact.ContactStore;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.mongo.MongoBackend;
import com.voicecampaigns.worker.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The contact walk's position, and with it the cursor saved on the campaign, moves past a contact
 * only once the caller comes back for the next one (its attempt exists by then), so that a worker
 * dying between moving past a contact and inserting its attempt never makes its successor skip it.
 */
class ContactWalkTests {

  static MongoClient client;
  static MongoTemplate mongo;

  @BeforeAll
  static void connect() {
    client = MongoClients.create(TestInfrastructure.mongo().connectionString());
    mongo = new MongoTemplate(client, MongoBackend.freshDatabaseName(ContactWalkTests.class));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void theCursorFollowsAContactOnlyWhenTheNextOneIsAskedFor() {
    String listId = new Fixtures(mongo).list(Fixtures.numbers(3));
    List<String> saved = new ArrayList<>();
    try (ContactWalk walk =
        new ContactWalk(new ContactStore(mongo), listId, null, 2, ids -> Set.of(), saved::add)) {
      ContactDocument first = walk.peek();
      walk.advance();
      // the dialler inserts first's attempt now; until it asks for more, first is not done with
      assertThat(walk.position()).isNull();

      ContactDocument second = walk.peek();
      assertThat(walk.position()).isEqualTo(first.id());
      walk.advance(); // the end of the first batch of two
      assertThat(saved).isEmpty();
      assertThat(walk.position()).isEqualTo(first.id());

      ContactDocument third = walk.peek();
      assertThat(saved).containsExactly(second.id());
      assertThat(walk.position()).isEqualTo(second.id());
      walk.advance();
      assertThat(walk.peek()).isNull();
      assertThat(walk.position()).isEqualTo(third.id());
      assertThat(List.of(first.id(), second.id(), third.id())).doesNotHaveDuplicates();
    }
  }

  @Test
  void aWalkResumedFromASavedCursorStartsRightAfterIt() {
    String listId = new Fixtures(mongo).list(Fixtures.numbers(3));
    List<String> ids = new ArrayList<>();
    try (ContactWalk walk =
        new ContactWalk(new ContactStore(mongo), listId, null, 10, none -> Set.of(), id -> {})) {
      for (ContactDocument contact = walk.peek(); contact != null; contact = walk.peek()) {
        ids.add(contact.id());
        walk.advance();
      }
    }
    try (ContactWalk resumed =
        new ContactWalk(
            new ContactStore(mongo), listId, ids.get(0), 10, none -> Set.of(), id -> {})) {
      assertThat(resumed.peek().id()).isEqualTo(ids.get(1));
    }
  }
}
