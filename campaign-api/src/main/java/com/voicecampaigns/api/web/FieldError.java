package com.voicecampaigns.api.web;

/** One refused field of a request: its JSON path ({@code callingWindow.start}) and why. */
public record FieldError(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
