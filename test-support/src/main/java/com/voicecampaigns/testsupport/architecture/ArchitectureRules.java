package com.voicecampaigns.testsupport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rules every service's build checks (each service has an {@code ArchitectureTests} that runs
 * them on its own main classes):
 *
 * <ul>
 *   <li>the services meet only through the broker and the store: a service's classes use no class
 *       of another service (nor of the simulator or the test support), only the shared model and
 *       campaign-store;
 *   <li>only campaign-store touches MongoDB: no service class uses Spring Data MongoDB (no {@code
 *       Criteria}, {@code Query}, {@code Update}, {@code MongoTemplate}), the MongoDB driver or
 *       BSON types;
 *   <li>no main source file is longer than {@link #MAX_MAIN_CLASS_LINES} lines.
 * </ul>
 */
public final class ArchitectureRules {

  /** The longest a main class (its source file) may be. */
  public static final int MAX_MAIN_CLASS_LINES = 250;

  static final String ROOT = "com.voicecampaigns";
  static final String STORE = ROOT + ".store..";
  static final String[] MONGODB = {
    "org.springframework.data.mongodb..", "com.mongodb..", "org.bson.."
  };

  static final String[] BROKER = {
    "com.google.cloud.spring..", "com.google.cloud.pubsub..", "com.google.pubsub.."
  };

  private ArchitectureRules() {}

  /** The main (not test) classes under {@code rootPackage}. */
  public static JavaClasses mainClasses(String rootPackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(rootPackage);
  }

  /** A service uses no class of another module but the shared model's and campaign-store's. */
  public static ArchRule meetsOtherServicesOnlyThroughTheBrokerAndTheStore(String servicePackage) {
    return classes()
        .that()
        .resideInAPackage(servicePackage + "..")
        .should()
        .onlyDependOnClassesThat(
            describe(
                "outside " + ROOT + " or in " + servicePackage + ", the shared model or the store",
                (JavaClass target) ->
                    !target.getPackageName().startsWith(ROOT + ".")
                        || target.getPackageName().startsWith(servicePackage)
                        || target.getPackageName().startsWith(ROOT + ".model")
                        || target.getPackageName().startsWith(ROOT + ".store")))
        .because("the services meet only through the broker and campaign-store");
  }

  /** A service reaches MongoDB only through campaign-store. */
  public static ArchRule touchesMongoDbOnlyThroughTheStore(String servicePackage) {
    return noClasses()
        .that()
        .resideInAPackage(servicePackage + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(MONGODB)
        .because(
            "campaign-store owns every collection, its queries and updates (Criteria, Update),"
                + " its indexes and its transitions");
  }

  /**
   * Only a service's {@code config} package names the message broker's binder (Pub/Sub): the
   * binding is configuration, so another Spring Cloud Stream binder could replace it.
   */
  public static ArchRule namesTheBrokerOnlyInConfiguration(String servicePackage) {
    return noClasses()
        .that()
        .resideInAPackage(servicePackage + "..")
        .and()
        .resideOutsideOfPackage(servicePackage + ".config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(BROKER)
        .because("the binder is configuration: nothing outside configuration names Pub/Sub");
  }

  /** campaign-store depends on no service. */
  public static ArchRule storeDependsOnNoService() {
    return noClasses()
        .that()
        .resideInAPackage(STORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".api..",
            ROOT + ".dispatcher..",
            ROOT + ".worker..",
            ROOT + ".simulator..",
            ROOT + ".testsupport..")
        .because("the services build on the store, not the other way round");
  }

  /** Every source file under {@code mainSources} has at most {@link #MAX_MAIN_CLASS_LINES}. */
  public static void assertMainClassesAreSmall(Path mainSources) {
    try (Stream<Path> files = Files.walk(mainSources)) {
      List<String> tooLong =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> lines(file) > MAX_MAIN_CLASS_LINES)
              .map(file -> mainSources.relativize(file) + " (" + lines(file) + " lines)")
              .toList();
      assertThat(tooLong)
          .as("main classes over %d lines: split them by job", MAX_MAIN_CLASS_LINES)
          .isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
