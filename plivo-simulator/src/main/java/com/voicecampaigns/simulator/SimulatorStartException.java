package com.voicecampaigns.simulator;

/** The simulator could not start, e.g. because its port is already in use. */
public class SimulatorStartException extends RuntimeException {

  public SimulatorStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
