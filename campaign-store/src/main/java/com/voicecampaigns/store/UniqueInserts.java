package com.voicecampaigns.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Bulk inserts into a collection whose unique index makes a repeated record a skipped duplicate.
 */
public final class UniqueInserts {

  private static final int DUPLICATE_KEY = 11000;

  private UniqueInserts() {}

  /**
   * Inserts {@code records} (mapped by the template's converter) in one unordered bulk write; a
   * record the unique index already holds is skipped, any other failure is thrown. Answers how many
   * were duplicates.
   */
  public static int insertSkippingDuplicates(
      MongoOperations mongo, String collection, List<?> records) {
    if (records.isEmpty()) {
      return 0;
    }
    List<Document> documents =
        records.stream()
            .map(
                record -> {
                  Document document = new Document();
                  mongo.getConverter().write(record, document);
                  return document;
                })
            .toList();
    int duplicates = 0;
    try {
      mongo.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCode() != DUPLICATE_KEY) {
          throw e;
        }
        duplicates++;
      }
    }
    // counted from the errors: mongo-java-server misreports insertedCount on partial failures
    return duplicates;
  }
}
