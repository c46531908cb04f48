package com.voicecampaigns.cutover;

import com.voicecampaigns.cutover.SeedDatabase.SeedUnreadable;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/seed-cutover}: the command line of the {@link Cutover}. */
@Command(
    name = "seed-cutover",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Recreates the old service's campaigns (its plivoCampaign collection) here, through"
          + " campaign-api. scheduled stays scheduled (paused if due within a minute or past),"
          + " running and paused become paused with a note, finished ones are skipped unless"
          + " --include-finished. A re-run changes nothing. The old database is only read.",
      "Exit: 0 done, 1 failed, 2 bad options, 3 some documents refused (listed),"
          + " 4 the old service still dials."
    })
public final class SeedCutover implements Callable<Integer> {

  /**
   * Without SLF4J (none here) the driver logs nothing but, through java.util.logging, a warning
   * that SLF4J is missing; the report is the tool's output. Its errors reach the report as
   * exceptions.
   */
  private static final Logger DRIVER_LOG = Logger.getLogger("org.mongodb.driver");

  @Option(
      names = "--from-uri",
      required = true,
      paramLabel = "URI",
      description = "the old service's MongoDB, e.g. mongodb://old-host:27017/voice")
  String fromUri;

  @Option(names = "--database", description = "its database, if the URI names none or another")
  String database;

  @Option(
      names = "--api",
      defaultValue = "http://localhost:8080",
      description = "campaign-api's base URL (default: ${DEFAULT-VALUE})")
  String api;

  @Option(
      names = "--token",
      paramLabel = "[clientId=]TOKEN",
      description =
          "a bearer token of a tenant (repeatable); a bare JWT names its tenant in its tenant claim")
  List<String> tokens = new ArrayList<>();

  @Option(
      names = "--token-command",
      paramLabel = "COMMAND",
      description =
          "prints a tenant's token, {clientId} replaced, e.g. 'bin/local-stack token --client"
              + " {clientId}'")
  String tokenCommand;

  @Option(
      names = "--tenant-claim",
      defaultValue = "clientId",
      description = "the JWT claim naming the tenant (default: ${DEFAULT-VALUE})")
  String tenantClaim;

  @Option(names = "--dry-run", description = "report what would be done; write nothing")
  boolean dryRun;

  @Option(
      names = "--include-finished",
      description = "import completed, cancelled and failed campaigns too, as history")
  boolean includeFinished;

  @Option(
      names = "--contacts-collection",
      description = "the seed's collection of contacts, one document per contact")
  String contactsCollection;

  @Option(
      names = "--list-id-field",
      defaultValue = "listId",
      description = "its field holding the campaign's listId (default: ${DEFAULT-VALUE})")
  String listIdField;

  @Option(names = "--phone-field", description = "its field holding the phone number")
  String phoneField;

  @Option(names = "--name-field", description = "its field holding the contact's name")
  String nameField;

  @Option(names = "--timezone-field", description = "its field holding the contact's IANA zone")
  String timezoneField;

  @Option(
      names = "--variables",
      paramLabel = "a,b=path.c",
      description = "fields copied into each contact's variables (name=dotted.path to rename)")
  String variables;

  @Option(
      names = "--live-heartbeat",
      defaultValue = "PT5M",
      description =
          "a running campaign with a heartbeat this recent means the old service still dials:"
              + " stop before writing (default: ${DEFAULT-VALUE})")
  Duration liveHeartbeat;

  @Option(
      names = "--allow-live-seed",
      description = "import even while the old service dials (its running ones become paused)")
  boolean allowLiveSeed;

  private final Clock clock;
  private final PrintStream out;

  SeedCutover(Clock clock, PrintStream out) {
    this.clock = clock;
    this.out = out;
  }

  public static void main(String[] args) {
    DRIVER_LOG.setLevel(Level.SEVERE);
    System.exit(execute(Clock.systemUTC(), System.out, System.err, args));
  }

  /** Runs the command line; answers the exit code. */
  static int execute(Clock clock, PrintStream out, PrintStream err, String... args) {
    return new CommandLine(new SeedCutover(clock, out))
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .setExecutionExceptionHandler(
            (e, commandLine, parsed) -> {
              commandLine.getErr().println("seed-cutover: " + e.getMessage());
              return e instanceof IllegalArgumentException
                  ? CommandLine.ExitCode.USAGE
                  : CutoverReport.FAILED;
            })
        .execute(args);
  }

  @Override
  public Integer call() {
    ContactMapping contacts = contactMapping();
    TenantTokens tenantTokens = new TenantTokens(tokens, tokenCommand, tenantClaim);
    if (tokens.isEmpty() && tokenCommand == null) {
      throw new IllegalArgumentException("give --token (one per tenant) or --token-command");
    }
    try (SeedDatabase seed = SeedDatabase.open(fromUri, database)) {
      var settings =
          new Cutover.Settings(dryRun, includeFinished, contacts, liveHeartbeat, allowLiveSeed);
      var report = new CutoverReport(out);
      return new Cutover(seed, new CampaignApi(api), tenantTokens, settings, clock, report).run();
    } catch (SeedUnreadable e) {
      out.println("stopped: " + e.getMessage());
      return CutoverReport.FAILED;
    }
  }

  /** The contact mapping, or null when none was asked for; a half-given one is refused. */
  private ContactMapping contactMapping() {
    if (contactsCollection == null) {
      if (phoneField != null || nameField != null || timezoneField != null || variables != null) {
        throw new IllegalArgumentException(
            "--phone-field, --name-field, --timezone-field and --variables need"
                + " --contacts-collection");
      }
      return null;
    }
    if (phoneField == null) {
      throw new IllegalArgumentException("--contacts-collection needs --phone-field");
    }
    return new ContactMapping(
        contactsCollection,
        listIdField,
        phoneField,
        nameField,
        timezoneField,
        ContactMapping.parseVariables(variables));
  }
}
