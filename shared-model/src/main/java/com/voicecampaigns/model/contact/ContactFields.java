package com.voicecampaigns.model.contact;

/** Collection and field names of contact lists and their contacts. */
public final class ContactFields {

  public static final String LIST_COLLECTION = "contactLists";
  public static final String CONTACT_COLLECTION = "contacts";

  public static final String ID = "_id";
  public static final String CLIENT_ID = "clientId";
  public static final String NAME = "name";
  public static final String CONTACT_COUNT = "contactCount";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";

  /**
   * Status of a list: {@link #LIST_IMPORTING} while its contacts are written (not usable by a
   * campaign), {@link #LIST_READY} once complete, {@link #LIST_DELETING} while it is removed.
   */
  public static final String STATUS = "status";

  public static final String LIST_IMPORTING = "importing";
  public static final String LIST_READY = "ready";
  public static final String LIST_DELETING = "deleting";

  public static final String LIST_ID = "listId";
  public static final String PHONE = "phone";
  public static final String TIMEZONE = "timezone";
  public static final String VARIABLES = "variables";

  private ContactFields() {}
}
