package com.voicecampaigns.worker.dialing;

/**
 * Thrown from the CampaignStart consumer when this worker cannot take the campaign now (at
 * capacity, shutting down, or still stopping an older dispatch of it): the binder tries again a few
 * times and then nacks the message, so that it is redelivered later, possibly to another worker,
 * instead of being lost.
 */
public class RedeliverLaterException extends RuntimeException {

  public RedeliverLaterException(String message) {
    super(message);
  }
}
