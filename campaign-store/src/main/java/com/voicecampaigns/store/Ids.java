package com.voicecampaigns.store;

import org.bson.types.ObjectId;

/**
 * Document ids as the services pass them (hex text) and as MongoDB holds them: campaigns, lists,
 * contacts and calls have ObjectId {@code _id}s; references between documents ({@code campaignId},
 * {@code listId}, {@code contactId}) are stored as the hex text.
 */
public final class Ids {

  private Ids() {}

  /** A new id, as hex text. */
  public static String newId() {
    return new ObjectId().toHexString();
  }

  /** Whether {@code id} can name a document at all (ObjectId hex). */
  public static boolean isValid(String id) {
    return id != null && ObjectId.isValid(id);
  }

  /** The {@code _id} value as stored: an ObjectId; text that is no ObjectId stays text. */
  public static Object stored(String id) {
    return isValid(id) ? new ObjectId(id) : id;
  }

  /** An id read from a document, as hex text. */
  public static String text(Object id) {
    if (id == null) {
      return null;
    }
    return id instanceof ObjectId objectId ? objectId.toHexString() : id.toString();
  }
}
