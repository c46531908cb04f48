package com.voicecampaigns.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code bin/seed-cutover} against a seed database with good and malformed documents and the real
 * API: what each becomes, that a second run changes nothing and says so, the dry run, the refusals.
 */
class CutoverTests extends CutoverTestBase {

  private static final ObjectId LIST_AS_ID = new ObjectId("67aaaaaaaaaaaaaaaaaaaaaa");

  private Instant inTwoHours;
  private Instant anHourAgo;
  private Instant twoDaysAgo;

  /** The fixtures most tests use: one of each status, and documents that cannot be mapped. */
  private void seedOfEveryKind() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    inTwoHours = now.plus(Duration.ofHours(2));
    anHourAgo = now.minus(Duration.ofHours(1));
    twoDaysAgo = now.minus(Duration.ofDays(2));
    insertCampaigns(
        seedCampaign("s1-scheduled", acme, "scheduled", "L1")
            .append("scheduledTime", Date.from(inTwoHours)),
        seedCampaign("s2-overdue", acme, "scheduled", "L1")
            .append("scheduledTime", anHourAgo.toString()),
        seedCampaign("s3-running", acme, "running", "L1")
            .append("scheduledTime", Date.from(twoDaysAgo))
            .append("heartbeat", Date.from(anHourAgo))
            .append("containerId", "container-7"),
        seedCampaign("s4-paused", acme, "paused", LIST_AS_ID)
            .append("scheduledTime", Date.from(twoDaysAgo)),
        seedCampaign("s5-completed", acme, "completed", "L1")
            .append("scheduledTime", Date.from(twoDaysAgo)),
        seedCampaign("s6-cancelled", acme, "cancelled", "L1"),
        seedCampaign("z1-no-name", acme, "scheduled", "L1")
            .append("campaignName", null)
            .append("scheduledTime", Date.from(inTwoHours)),
        seedCampaign("z2-status", acme, "archived", "L1"),
        seedCampaign("z3-time", acme, "scheduled", "L1").append("scheduledTime", "tomorrow"),
        seedCampaign("z4-from", acme, "paused", "L1").append("fromNumber", "12"),
        seedCampaign("z5-no-contacts", acme, "paused", "L-empty"),
        seedCampaign("z6-no-token", globex, "paused", "L1"),
        seedCampaign("z7-scheduled-without-time", acme, "scheduled", "L1"));
    insertContacts(
        contact("L1", "+14155552671", "Ada", "gold", "London"),
        contact("L1", "+44 20 7183 8750", "Grace", "silver", "Leeds"),
        contact("L1", "n/a", "Nobody", "none", "Nowhere"),
        contact(LIST_AS_ID, "+14155552672", "Alan", "gold", "Wilmslow"),
        contact("L-other", "+14155552673", "Other", "gold", "Elsewhere"));
  }

  private String[] options(String... more) {
    return with(with(contactMapping(), "--token", tokenOf(acme)), more);
  }

  @Test
  void importsEachStatusAsTheCutoverMapsItAndListsWhatItRefused() {
    seedOfEveryKind();
    Map<String, List<Document>> before = seedSnapshot();

    Run run = cutover(options());

    assertThat(run.exit()).as(run.toString()).isEqualTo(CutoverReport.SOME_REFUSED);
    assertThat(run.outcomes())
        .containsExactly(
            entry("s1-scheduled", "created"),
            entry("s2-overdue", "created"),
            entry("s3-running", "created"),
            entry("s4-paused", "created"),
            entry("s5-completed", "skipped"),
            entry("s6-cancelled", "skipped"),
            entry("z1-no-name", "refused"),
            entry("z2-status", "refused"),
            entry("z3-time", "refused"),
            entry("z4-from", "refused"),
            entry("z5-no-contacts", "refused"),
            entry("z6-no-token", "refused"),
            entry("z7-scheduled-without-time", "refused"));
    assertThat(run.line("z1-no-name")).contains("campaignName is missing");
    assertThat(run.line("z2-status")).contains("status 'archived' is none of the seed's statuses");
    assertThat(run.line("z3-time"))
        .contains("scheduledTime 'tomorrow' is not an ISO 8601 time with an offset");
    assertThat(run.line("z4-from")).contains("the API refused it: 400").contains("fromNumber");
    assertThat(run.line("z5-no-contacts")).contains("no contact in contacts has listId = L-empty");
    assertThat(run.line("z6-no-token")).contains("no token for tenant " + globex);
    assertThat(run.line("z7-scheduled-without-time"))
        .contains("status scheduled without a scheduledTime");
    assertThat(run.line("s5-completed")).contains("completed, finished (--include-finished");
    assertThat(run.out()).contains("summary: 4 created, 2 skipped, 7 refused");

    Map<String, JsonNode> here = importedCampaigns(acme);
    assertThat(here).hasSize(4);
    JsonNode scheduled = here.get(source("s1-scheduled"));
    assertThat(scheduled.path("status").asString()).isEqualTo("scheduled");
    assertThat(scheduled.path("scheduledTime").asString()).isEqualTo(inTwoHours.toString());
    assertThat(scheduled.path("name").asString()).isEqualTo("Campaign s1-scheduled");
    assertThat(scheduled.path("scheduledBy").asString()).isEqualTo("seed-user");
    assertThat(scheduled.path("imported").path("note").isNull()).isTrue();
    JsonNode overdue = here.get(source("s2-overdue"));
    assertThat(overdue.path("status").asString()).isEqualTo("paused");
    assertThat(overdue.path("scheduledTime").asString()).isEqualTo(anHourAgo.toString());
    assertThat(overdue.path("imported").path("note").asString())
        .contains("had not started it by the cut-over: imported paused");
    JsonNode running = here.get(source("s3-running"));
    assertThat(running.path("status").asString()).isEqualTo("paused");
    assertThat(running.path("imported").path("note").asString())
        .startsWith(
            "Running in the old service at the cut-over in container container-7, last heartbeat "
                + anHourAgo
                + "; imported paused so that nothing is dialled twice.");
    JsonNode paused = here.get(source("s4-paused"));
    assertThat(paused.path("status").asString()).isEqualTo("paused");
    assertThat(paused.path("scheduledTime").asString()).isEqualTo(twoDaysAgo.toString());

    // one list per seed list, shared by the campaigns that call it
    String l1 = scheduled.path("listId").asString();
    assertThat(overdue.path("listId").asString()).isEqualTo(l1);
    assertThat(running.path("listId").asString()).isEqualTo(l1);
    assertThat(lists(acme))
        .extracting(l -> l.path("name").asString())
        .containsExactlyInAnyOrder("seed list L1", "seed list " + LIST_AS_ID.toHexString());
    assertThat(run.line("s1-scheduled"))
        .contains("list " + l1 + " imported from L1: 2 contacts, 1 refused (first: row 3 'n/a'");
    List<JsonNode> contacts = new ArrayList<>();
    get(acme, "/api/v1/contact-lists/" + l1 + "/contacts").path("items").forEach(contacts::add);
    assertThat(contacts)
        .extracting(
            c -> c.path("phone").asString(),
            c -> c.path("name").asString(),
            c -> c.path("variables").path("plan").asString(),
            c -> c.path("variables").path("city").asString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("+14155552671", "Ada", "gold", "London"),
            org.assertj.core.groups.Tuple.tuple("+442071838750", "Grace", "silver", "Leeds"));
    assertThat(lists(globex)).isEmpty();
    assertThat(seedSnapshot()).isEqualTo(before);
  }

  @Test
  void aSecondRunChangesNothingAndSaysSoEvenWhenTimeHasPassed() {
    seedOfEveryKind();
    Run first = cutover(options());
    Map<String, JsonNode> afterFirst = importedCampaigns(acme);
    List<String> listsAfterFirst = lists(acme).stream().map(l -> l.path("id").asString()).toList();
    // by now s1 would be imported paused, as overdue: it stays the campaign the first run made
    clock.advance(Duration.ofHours(3));

    Run second = cutover(options());

    assertThat(first.exit()).as(first.toString()).isEqualTo(CutoverReport.SOME_REFUSED);
    assertThat(second.exit()).as(second.toString()).isEqualTo(CutoverReport.SOME_REFUSED);
    assertThat(second.outcomes())
        .contains(
            entry("s1-scheduled", "unchanged"),
            entry("s2-overdue", "unchanged"),
            entry("s3-running", "unchanged"),
            entry("s4-paused", "unchanged"),
            entry("s5-completed", "skipped"),
            entry("z4-from", "refused"));
    assertThat(second.outcomes()).doesNotContainValue("created");
    assertThat(second.line("s1-scheduled"))
        .contains(
            "imported before as campaign "
                + afterFirst.get(source("s1-scheduled")).path("id").asString()
                + ", now scheduled");
    assertThat(second.out()).contains("summary: 4 unchanged, 2 skipped, 7 refused");
    assertThat(importedCampaigns(acme)).isEqualTo(afterFirst);
    assertThat(lists(acme).stream().map(l -> l.path("id").asString()).toList())
        .isEqualTo(listsAfterFirst);
  }

  @Test
  void aDryRunReportsWhatARunWouldDoAndWritesNothing() {
    seedOfEveryKind();
    Map<String, List<Document>> before = seedSnapshot();

    Run run = cutover(options("--dry-run"));

    assertThat(run.exit()).as(run.toString()).isEqualTo(CutoverReport.SOME_REFUSED);
    assertThat(run.outcomes())
        .contains(
            entry("s1-scheduled", "would create"),
            entry("s2-overdue", "would create"),
            entry("s3-running", "would create"),
            entry("s4-paused", "would create"),
            entry("s5-completed", "skipped"),
            entry("z5-no-contacts", "refused"));
    assertThat(run.line("s3-running"))
        .contains("running → paused")
        .contains("would import list L1 (3 contacts in the seed)");
    assertThat(run.out())
        .contains("(dry run: nothing is written)")
        // the API judges a campaign only when it is sent: z4's bad number shows in a real run
        .contains("summary: 5 would create, 2 skipped, 6 refused (dry run: nothing was written)");
    assertThat(importedCampaigns(acme)).isEmpty();
    assertThat(lists(acme)).isEmpty();
    assertThat(seedSnapshot()).isEqualTo(before);
  }

  @Test
  void finishedCampaignsAreImportedAsHistoryOnlyWhenAsked() {
    Instant past = clock.instant().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
    insertCampaigns(
        seedCampaign("f1", acme, "completed", "L1").append("scheduledTime", Date.from(past)),
        seedCampaign("f2", acme, "cancelled", "L1").append("scheduledTime", Date.from(past)),
        seedCampaign("f3", acme, "failed", "L1"));
    insertContacts(contact("L1", "+14155552671", "Ada", "gold", "London"));

    Run run = cutover(options("--include-finished"));

    assertThat(run.exit()).as(run.toString()).isEqualTo(CutoverReport.OK);
    assertThat(run.outcomes())
        .containsExactly(entry("f1", "created"), entry("f2", "created"), entry("f3", "created"));
    Map<String, JsonNode> here = importedCampaigns(acme);
    assertThat(here.get(source("f1")).path("status").asString()).isEqualTo("completed");
    assertThat(here.get(source("f1")).path("scheduledTime").asString()).isEqualTo(past.toString());
    assertThat(here.get(source("f2")).path("status").asString()).isEqualTo("cancelled");
    assertThat(here.get(source("f3")).path("status").asString()).isEqualTo("failed");
    assertThat(here.get(source("f3")).path("imported").path("note").asString())
        .isEqualTo("failed in the old service; imported as history, without its calls.");
  }

  @Test
  void stopsBeforeWritingWhileTheOldServiceStillDialsUnlessAllowed() {
    Instant justNow = clock.instant().minusSeconds(30);
    insertCampaigns(
        seedCampaign("live", acme, "running", "L1")
            .append("heartbeat", Date.from(justNow))
            .append("containerId", "container-1"),
        seedCampaign("other", acme, "paused", "L1"));
    insertContacts(contact("L1", "+14155552671", "Ada", "gold", "London"));

    Run stopped = cutover(options());

    assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(CutoverReport.OLD_SERVICE_LIVE);
    assertThat(stopped.out())
        .contains("warning: campaign live is being dialled by the old service")
        .contains("(container container-1)")
        .contains("stopped before writing anything");
    assertThat(importedCampaigns(acme)).isEmpty();
    assertThat(lists(acme)).isEmpty();

    Run allowed = cutover(options("--allow-live-seed"));

    assertThat(allowed.exit()).as(allowed.toString()).isEqualTo(CutoverReport.OK);
    assertThat(importedCampaigns(acme).get(source("live")).path("status").asString())
        .isEqualTo("paused");
  }

  @Test
  void withoutAContactMappingOnlyCampaignsWhoseListIsHereAlreadyAreImported() {
    insertCampaigns(seedCampaign("p1", acme, "paused", "L1"));
    insertContacts(contact("L1", "+14155552671", "Ada", "gold", "London"));

    Run unmapped = cutover("--token", tokenOf(acme));

    assertThat(unmapped.exit()).as(unmapped.toString()).isEqualTo(CutoverReport.SOME_REFUSED);
    assertThat(unmapped.line("p1"))
        .contains(
            "its list L1 is not here and no contact mapping was given (--contacts-collection");
    assertThat(lists(acme)).isEmpty();

    // the list made by a mapped run is found by the next one, mapped or not
    insertCampaigns(seedCampaign("p2", acme, "paused", "L1"));
    Run mapped = cutover(with(contactMapping(), "--token", tokenOf(acme)));
    Run again = cutover("--token", tokenOf(acme));

    assertThat(mapped.exit()).as(mapped.toString()).isEqualTo(CutoverReport.OK);
    assertThat(again.exit()).as(again.toString()).isEqualTo(CutoverReport.OK);
    assertThat(again.outcomes())
        .containsExactly(entry("p1", "unchanged"), entry("p2", "unchanged"));
    assertThat(lists(acme)).hasSize(1);
  }

  @Test
  void aListOfWhichTheApiAcceptsNoContactIsRemovedAndItsCampaignRefused() {
    insertCampaigns(seedCampaign("p1", acme, "paused", "L9"));
    insertContacts(contact("L9", "n/a", "Nobody", "none", "Nowhere"));

    Run run = cutover(options());

    assertThat(run.exit()).as(run.toString()).isEqualTo(CutoverReport.SOME_REFUSED);
    assertThat(run.line("p1")).contains("the API accepted none of the 1 contacts of list L9");
    assertThat(lists(acme)).isEmpty();
    assertThat(importedCampaigns(acme)).isEmpty();
  }

  @Test
  void aTokenOfAnotherTenantIsRefusedBeforeAnythingIsCreatedWithIt() {
    insertCampaigns(seedCampaign("p1", acme, "paused", "L1"));
    insertContacts(contact("L1", "+14155552671", "Ada", "gold", "London"));

    Run run = cutover(with(contactMapping(), "--token", acme + "=" + tokenOf(globex)));

    assertThat(run.exit()).as(run.toString()).isEqualTo(CutoverReport.SOME_REFUSED);
    assertThat(run.line("p1"))
        .contains("the token given for tenant " + acme + " is one of tenant " + globex);
    assertThat(lists(globex)).isEmpty();
    assertThat(importedCampaigns(globex)).isEmpty();
  }

  @Test
  void eachTenantsCampaignsAreCreatedWithItsOwnToken() {
    insertCampaigns(
        seedCampaign("a1", acme, "paused", "L1"), seedCampaign("g1", globex, "paused", "L1"));
    insertContacts(contact("L1", "+14155552671", "Ada", "gold", "London"));

    Run run = cutover(with(contactMapping(), "--token", tokenOf(acme), "--token", tokenOf(globex)));

    assertThat(run.exit()).as(run.toString()).isEqualTo(CutoverReport.OK);
    assertThat(importedCampaigns(acme)).containsOnlyKeys(source("a1"));
    assertThat(importedCampaigns(globex)).containsOnlyKeys(source("g1"));
  }

  @Test
  void refusesOptionsThatCannotWork() {
    assertThat(cutover("--token", tokenOf(acme), "--contacts-collection", "contacts").exit())
        .isEqualTo(2);
    assertThat(cutover("--token", tokenOf(acme), "--phone-field", "mobile").exit()).isEqualTo(2);
    Run reserved =
        cutover(
            "--contacts-collection",
            "contacts",
            "--phone-field",
            "mobile",
            "--variables",
            "phone=x",
            "--token",
            "t=x");
    assertThat(reserved.exit()).isEqualTo(2);
    assertThat(reserved.err()).contains("'phone' would be read as a contact's own field");
    assertThat(cutover().exit()).isEqualTo(2);
    // no --from-uri
    assertThat(SeedCutover.execute(clock, System.out, System.err, "--token", "t=x")).isEqualTo(2);
  }
}
