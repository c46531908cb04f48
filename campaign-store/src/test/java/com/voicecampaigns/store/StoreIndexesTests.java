package com.voicecampaigns.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.campaign.CampaignFields;
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
  void theIdempotencyClaimIsUniqueAndLeavesCampaignsWithoutAClaimOut() {
    assertThat(indexes.all())
        .filteredOn(i -> i.index().getIndexKeys().containsKey(CampaignFields.IDEMPOTENCY_CLAIM))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.collection()).isEqualTo(CampaignFields.COLLECTION);
              assertThat(i.index().getIndexOptions().get("unique")).isEqualTo(true);
              assertThat(i.index().getIndexOptions().get("sparse")).isEqualTo(true);
            });
  }
}
