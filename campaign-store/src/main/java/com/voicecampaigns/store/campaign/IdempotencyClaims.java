package com.voicecampaigns.store.campaign;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Idempotency claims, which campaigns carry ({@link IdempotencyClaim}): the insert of a campaign
 * that claims one, the campaign holding a claim, and retiring a claim from its campaign so that a
 * new one can take it. The API decides what a claim is and when it has lived long enough.
 */
public class IdempotencyClaims {

  private final MongoOperations mongo;

  public IdempotencyClaims(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /**
   * Inserts {@code campaign}, which carries a claim ({@link NewCampaign#claiming}), and answers it
   * as stored; empty when another campaign holds the claim already (the unique index refused the
   * insert, and nothing was written).
   */
  public Optional<CampaignDocument> create(NewCampaign campaign) {
    Objects.requireNonNull(campaign.idempotencyClaim(), "the campaign claims nothing");
    try {
      mongo.insert(campaign);
    } catch (DuplicateKeyException claimedAlready) {
      return Optional.empty();
    }
    return Optional.of(mongo.findById(Ids.stored(campaign.id()), CampaignDocument.class));
  }

  /** The campaign that holds {@code claim}, if any. */
  public Optional<CampaignDocument> holder(String claim) {
    return Optional.ofNullable(
        mongo.findOne(
            new Query(where(CampaignFields.IDEMPOTENCY_CLAIM).is(claim)), CampaignDocument.class));
  }

  /**
   * Frees {@code claim} from campaign {@code id}, which keeps everything else; false when it held
   * it no longer (another request retired it first).
   */
  public boolean retire(String id, String claim) {
    Query held =
        new Query(CampaignFilters.byId(id).and(CampaignFields.IDEMPOTENCY_CLAIM).is(claim));
    return mongo
            .updateFirst(
                held,
                new Update().unset(CampaignFields.IDEMPOTENCY_CLAIM),
                CampaignFields.COLLECTION)
            .getModifiedCount()
        == 1;
  }
}
