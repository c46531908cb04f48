package com.voicecampaigns.model.campaign;

import com.voicecampaigns.model.WireValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * A campaign's status, spelled as the seed spelled it because the product UI shows it. The
 * transitions are those of docs/design.md; campaign-store builds the filter of every conditional
 * update from {@link #sourcesOf(CampaignStatus)}, so the state machine and the queries cannot
 * drift.
 */
public enum CampaignStatus implements WireValue {
  SCHEDULED("scheduled"),
  RUNNING("running"),
  PAUSED("paused"),
  COMPLETED("completed"),
  CANCELLED("cancelled"),
  FAILED("failed");

  private final String wire;

  CampaignStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static CampaignStatus fromWire(String wire) {
    return WireValue.fromWire(CampaignStatus.class, wire);
  }

  /** Completed, cancelled and failed campaigns never change again. */
  public boolean isFinished() {
    return this == COMPLETED || this == CANCELLED || this == FAILED;
  }

  /**
   * Whether a campaign may be created in this status: {@code scheduled} by the API; {@code paused}
   * and the finished ones only by an import from another system (the cut-over from the old
   * service). Never {@code running}: nothing imported dials before a person resumes it.
   */
  public boolean isInitial() {
    return this != RUNNING;
  }

  public boolean canMoveTo(CampaignStatus target) {
    return switch (this) {
      // scheduled → failed: the API fails a campaign whose list was deleted while it was created;
      // scheduled, paused → completed: its end time passed (every contact not reached expired)
      case SCHEDULED ->
          target == SCHEDULED
              || target == RUNNING
              || target == CANCELLED
              || target == FAILED
              || target == COMPLETED;
      case RUNNING ->
          target == RUNNING
              || target == PAUSED
              || target == CANCELLED
              || target == COMPLETED
              || target == FAILED;
      case PAUSED -> target == RUNNING || target == CANCELLED || target == COMPLETED;
      case COMPLETED, CANCELLED, FAILED -> false;
    };
  }

  /** The states from which {@code target} may be reached. */
  public static Set<CampaignStatus> sourcesOf(CampaignStatus target) {
    EnumSet<CampaignStatus> sources = EnumSet.noneOf(CampaignStatus.class);
    for (CampaignStatus status : values()) {
      if (status.canMoveTo(target)) {
        sources.add(status);
      }
    }
    return sources;
  }
}
