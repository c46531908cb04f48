package com.voicecampaigns.store.control;

/**
 * The global kill switch, {@code controls/{_id: "dialing"}}: while {@code enabled} is false no
 * worker sends a Make-Call request. An absent document means dialling is enabled.
 *
 * @param reason what the operator wrote, {@code null} if nothing
 */
public record DialingControl(boolean enabled, String reason) {

  public static final DialingControl ENABLED = new DialingControl(true, null);
}
