package com.voicecampaigns.model.campaign;

import com.voicecampaigns.model.WireValue;

/**
 * What a campaign does when Plivo's answering-machine detection hears a machine. The call's outcome
 * is {@code machine} either way (retryable by the campaign's policy); the worker asks Plivo for
 * detection with {@link #plivoMachineDetection()} (docs/design.md, "Answering machines").
 */
public enum MachineDetection implements WireValue {
  /** No detection: Plivo is not asked ({@code machine_detection} not sent). */
  OFF("off"),
  /**
   * Plivo hangs up on a machine ({@code machine_detection=hangup}, detected asynchronously with a
   * {@code machine_detection_url}, so a person hears the bot at once).
   */
  HANGUP("hangup"),
  /**
   * The call stays connected to the bot, and the bot is told: {@code machine_detection=true},
   * detected synchronously (no {@code machine_detection_url}), so Plivo's answer callback carries
   * {@code Machine} and the answer's {@code extraHeaders} can pass it on.
   */
  BOT("bot");

  private final String wire;

  MachineDetection(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** {@code off}, {@code hangup} or {@code bot} (any case, surrounding blanks ignored). */
  public static MachineDetection fromWire(String wire) {
    if (wire == null) {
      throw new IllegalArgumentException("must be one of off, hangup, bot");
    }
    try {
      return WireValue.fromWire(MachineDetection.class, wire.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be one of off, hangup, bot", e);
    }
  }

  /** The value of Plivo's {@code machine_detection} Make-Call parameter, {@code null}: omit it. */
  public String plivoMachineDetection() {
    return switch (this) {
      case OFF -> null;
      case HANGUP -> "hangup";
      case BOT -> "true";
    };
  }
}
