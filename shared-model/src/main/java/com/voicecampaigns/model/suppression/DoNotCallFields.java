package com.voicecampaigns.model.suppression;

/**
 * Collection and field names of the do-not-call list: one document per tenant and number, unique on
 * ({@link #CLIENT_ID}, {@link #PHONE}). A worker asks it right before each dial; a number on it is
 * never called for that tenant.
 */
public final class DoNotCallFields {

  public static final String COLLECTION = "doNotCall";

  public static final String ID = "_id";
  public static final String CLIENT_ID = "clientId";

  /** E.164, normalised as contacts are. */
  public static final String PHONE = "phone";

  /** Where the entry came from: {@code api} (JSON) or {@code csv} (an import). */
  public static final String SOURCE = "source";

  /**
   * The CSV import that added it; an import that fails removes the entries it added, so a refused
   * upload leaves the list as it was.
   */
  public static final String IMPORT_ID = "importId";

  /** The subject of the token that added it. */
  public static final String CREATED_BY = "createdBy";

  public static final String CREATED_AT = "createdAt";

  private DoNotCallFields() {}
}
