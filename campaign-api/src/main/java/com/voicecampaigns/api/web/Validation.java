package com.voicecampaigns.api.web;

import java.util.ArrayList;
import java.util.List;

/** Collects the field errors of one request, so a client learns about all of them at once. */
public final class Validation {

  private final List<FieldError> errors = new ArrayList<>();

  public Validation reject(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  public int errorCount() {
    return errors.size();
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Throws the collected errors as one 400 validation problem, if there are any. */
  public void throwIfInvalid() {
    if (hasErrors()) {
      throw ApiProblem.invalid(errors);
    }
  }
}
