package com.voicecampaigns.api.campaign;

/** The tenant of a request. Until authentication lands every caller is the default tenant. */
public final class Tenant {

  public static final String DEFAULT = "default";

  private Tenant() {}
}
