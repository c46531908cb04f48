package com.voicecampaigns.store.campaign;

/** A campaign document that cannot be read (e.g. a calling window edited into a bad shape). */
public class InvalidCampaignException extends RuntimeException {

  public InvalidCampaignException(String message, Throwable cause) {
    super(message, cause);
  }
}
