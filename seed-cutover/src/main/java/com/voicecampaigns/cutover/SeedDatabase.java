package com.voicecampaigns.cutover;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The old service's MongoDB, read only: its {@code plivoCampaign} documents and, through a {@link
 * ContactMapping}, its contacts. This is not this system's database (campaign-store owns that); the
 * cut-over writes here nothing at all, and its architecture test checks that no class calls a
 * driver method that writes.
 */
final class SeedDatabase implements AutoCloseable {

  /** The seed's database could not be read; the run stops, nothing more is created. */
  static final class SeedUnreadable extends RuntimeException {
    SeedUnreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final MongoClient client;
  private final MongoDatabase database;

  private SeedDatabase(MongoClient client, MongoDatabase database) {
    this.client = client;
    this.database = database;
  }

  /**
   * @param databaseName null: the database the URI names
   * @throws IllegalArgumentException when neither names a database
   */
  static SeedDatabase open(String uri, String databaseName) {
    ConnectionString connection = new ConnectionString(uri);
    String name = databaseName != null ? databaseName : connection.getDatabase();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "--from-uri names no database: add it to the URI (mongodb://host/db) or give --database");
    }
    MongoClientSettings.Builder settings =
        MongoClientSettings.builder()
            .applyToClusterSettings(c -> c.serverSelectionTimeout(15, TimeUnit.SECONDS))
            .applyToSocketSettings(s -> s.readTimeout(60, TimeUnit.SECONDS))
            // the URI's options win over the timeouts above
            .applyConnectionString(connection);
    if (connection.getReadPreference() == null) {
      // the cut-over only reads: a secondary will do while the primary is busy
      settings.readPreference(ReadPreference.primaryPreferred());
    }
    MongoClient client = MongoClients.create(settings.build());
    return new SeedDatabase(client, client.getDatabase(name));
  }

  /** Every {@code plivoCampaign} document in {@code _id} order, each read or refused. */
  List<SeedDocuments.Parsed> campaigns() {
    List<SeedDocuments.Parsed> parsed = new ArrayList<>();
    try {
      for (Document document :
          database.getCollection(SeedCampaign.COLLECTION).find().sort(Sorts.ascending("_id"))) {
        parsed.add(SeedDocuments.parse(document));
      }
    } catch (MongoException e) {
      throw new SeedUnreadable(
          "cannot read " + database.getName() + "." + SeedCampaign.COLLECTION + ": " + e, e);
    }
    return parsed;
  }

  /** The seed's contacts, where {@code mapping} says they are. */
  SeedContacts contacts(ContactMapping mapping) {
    return new SeedContacts(database.getCollection(mapping.collection()), mapping);
  }

  String name() {
    return database.getName();
  }

  @Override
  public void close() {
    client.close();
  }
}
