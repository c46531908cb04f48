package com.voicecampaigns.cutover;

import com.voicecampaigns.cutover.CampaignApi.Answer;
import java.io.IOException;
import java.nio.file.Files;
import tools.jackson.databind.JsonNode;

/**
 * The list a seed campaign calls, here: the one an earlier run made of the same seed list (found by
 * its name, {@link TenantHere#listName}), or a new one made of the seed's contacts through {@code
 * POST /api/v1/contact-lists}, so the API normalises, deduplicates and refuses rows as for any
 * upload. A list of which the API accepted no contact is deleted again and the campaign refused.
 */
final class ListImport {

  /** The list's id here and what the report says about it, or why there is none. */
  record Result(String listId, String summary, String refusal) {
    static Result refused(String reason) {
      return new Result(null, null, reason);
    }
  }

  private final CampaignApi api;
  private final SeedContacts contacts;
  private final ContactMapping mapping;
  private final boolean dryRun;

  /**
   * @param contacts null when no contact mapping was given
   */
  ListImport(CampaignApi api, SeedContacts contacts, ContactMapping mapping, boolean dryRun) {
    this.api = api;
    this.contacts = contacts;
    this.mapping = mapping;
    this.dryRun = dryRun;
  }

  Result listFor(TenantHere tenant, String seedListId) {
    var here = tenant.list(seedListId).filter(TenantHere::isReady);
    if (here.isPresent()) {
      JsonNode list = here.get();
      return new Result(
          list.path("id").asString(""),
          "list " + list.path("id").asString("") + " (" + count(list) + " contacts) is here",
          null);
    }
    if (contacts == null) {
      return Result.refused(
          "its list "
              + seedListId
              + " is not here and no contact mapping was given (--contacts-collection,"
              + " --list-id-field, --phone-field)");
    }
    long seedRows = contacts.count(seedListId);
    if (seedRows == 0) {
      return Result.refused(
          "no contact in "
              + mapping.collection()
              + " has "
              + mapping.listIdField()
              + " = "
              + seedListId);
    }
    if (dryRun) {
      return new Result(
          null,
          "would import list " + seedListId + " (" + seedRows + " contacts in the seed)",
          null);
    }
    return upload(tenant, seedListId);
  }

  private Result upload(TenantHere tenant, String seedListId) {
    SeedContacts.Csv csv = contacts.write(seedListId);
    Answer answer;
    try {
      answer = api.createList(tenant.token, TenantHere.listName(seedListId), csv.file());
    } finally {
      deleteQuietly(csv);
    }
    if (answer.status() != 201) {
      return Result.refused("the API refused list " + seedListId + ": " + answer.problem());
    }
    JsonNode report = answer.body();
    String id = report.path("id").asString("");
    long accepted = report.path("accepted").asLong(0);
    if (accepted == 0) {
      Answer deleted = api.deleteList(tenant.token, id);
      return Result.refused(
          "the API accepted none of the "
              + csv.rows()
              + " contacts of list "
              + seedListId
              + firstError(report)
              + (deleted.status() == 204 ? "" : "; deleting the empty list " + id + " failed"));
    }
    tenant.listCreated(seedListId, report);
    return new Result(
        id,
        "list "
            + id
            + " imported from "
            + seedListId
            + ": "
            + accepted
            + " contacts, "
            + report.path("rejected").asLong(0)
            + " refused"
            + firstError(report)
            + ", "
            + report.path("duplicates").asLong(0)
            + " duplicates dropped",
        null);
  }

  /** An upload's answer has accepted, a list's view contactCount. */
  private static long count(JsonNode list) {
    return list.has("contactCount")
        ? list.path("contactCount").asLong(0)
        : list.path("accepted").asLong(0);
  }

  private static String firstError(JsonNode report) {
    JsonNode first = report.path("errors").path(0);
    if (first.isMissingNode()) {
      return "";
    }
    return " (first: row "
        + first.path("row").asLong()
        + " '"
        + first.path("phone").asString("")
        + "': "
        + first.path("reason").asString("")
        + ")";
  }

  private static void deleteQuietly(SeedContacts.Csv csv) {
    try {
      Files.deleteIfExists(csv.file());
    } catch (IOException e) {
      // a temporary file, deleted on exit as well
    }
  }
}
