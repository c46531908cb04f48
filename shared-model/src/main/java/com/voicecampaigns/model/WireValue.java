package com.voicecampaigns.model;

/** A value with a fixed lowercase spelling on the wire and in MongoDB ({@code "no-answer"}). */
public interface WireValue {

  String wire();

  static <E extends Enum<E> & WireValue> E fromWire(Class<E> type, String wire) {
    for (E constant : type.getEnumConstants()) {
      if (constant.wire().equalsIgnoreCase(wire)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("unknown " + type.getSimpleName() + ": " + wire);
  }
}
