package com.voicecampaigns.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.store.idempotency.IdempotencyKeyRetention;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every index is declared once, created at start-up, and names the queries it serves. */
class StoreIndexesTests extends StoreTestBase {

  @Autowired StoreIndexes indexes;

  @Test
  void everyDeclaredIndexExistsAfterStartUp() {
    assertThat(indexes.all()).isNotEmpty();
    for (StoreIndexes.StoreIndex index : indexes.all()) {
      var keys = index.index().getIndexKeys();
      assertThat(mongo.indexOps(index.collection()).getIndexInfo())
          .as("%s %s", index.collection(), keys)
          .anySatisfy(info -> assertThat(info.isIndexForFields(keys.keySet())).isTrue());
      assertThat(index.serves()).isNotBlank();
    }
  }

  @Test
  void onlyTheOwnerOfIdempotencyKeysDeclaresTheirTimeToLive() {
    var withRetention =
        new StoreIndexes(mongo, Optional.of(new IdempotencyKeyRetention(Duration.ofHours(24))));

    assertThat(indexes.all()).noneMatch(i -> i.collection().equals("idempotencyKeys"));
    assertThat(withRetention.all())
        .filteredOn(i -> i.collection().equals("idempotencyKeys"))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.index().getIndexOptions().get("expireAfterSeconds"))
                    .isEqualTo(86400L));
  }
}
