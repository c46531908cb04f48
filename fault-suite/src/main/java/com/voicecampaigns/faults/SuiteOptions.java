package com.voicecampaigns.faults;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@link FaultSuite}.
 *
 * @param quick only scenarios 1, 6 and 7, on small lists (the CI subset, at most 3 minutes)
 * @param only scenario names to run (empty: all of the mode)
 * @param root the repository, whose modules' {@code target/} hold the jars
 * @param out where the logs, the audit log and {@code summary.json} go
 */
record SuiteOptions(boolean quick, List<String> only, Path root, Path out) {

  static final String USAGE =
      "usage: fault-suite [--quick] [--only name,name] [--root repository] [--out directory]";

  static SuiteOptions parse(String[] args) {
    boolean quick = false;
    List<String> only = List.of();
    Path root = Path.of(".");
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> only = List.of(value(args, ++i).split(","));
        case "--root" -> root = Path.of(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    root = root.toAbsolutePath().normalize();
    return new SuiteOptions(
        quick, only, root, out != null ? out : root.resolve("target/fault-suite"));
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }
}
