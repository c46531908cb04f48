package com.voicecampaigns.worker.campaign;

/** A campaign document the worker cannot dial (e.g. a malformed calling window). */
public class InvalidCampaignException extends RuntimeException {

  public InvalidCampaignException(String message, Throwable cause) {
    super(message, cause);
  }
}
