package com.voicecampaigns.dispatcher.claim;

import org.bson.types.ObjectId;

/** Campaign ids as events carry them: the hex form of an ObjectId, or the stored string. */
public final class CampaignIds {

  private CampaignIds() {}

  public static String text(Object id) {
    return id instanceof ObjectId objectId ? objectId.toHexString() : String.valueOf(id);
  }
}
