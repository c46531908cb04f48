package com.voicecampaigns.cutover;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.assertMainClassesAreSmall;
import static com.voicecampaigns.testsupport.architecture.ArchitectureRules.mainClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The cut-over is a client, not a service: it reaches this system only through campaign-api's HTTP
 * API, and reads the old service's MongoDB without writing to it. The services' rule that only
 * campaign-store touches MongoDB is about this system's collections; the driver here reads the old
 * service's database, so that rule is replaced by narrower ones: no Spring Data MongoDB and no
 * campaign-store at all, the driver only in the classes that read the seed, and no driver call that
 * writes.
 */
class ArchitectureTests {

  private static final String TOOL = "com.voicecampaigns.cutover";
  private static final JavaClasses CLASSES = mainClasses(TOOL);

  private static final Pattern WRITES =
      Pattern.compile(
          "insert.*|update.*|replace.*|delete.*|findOneAnd.*|bulkWrite|drop.*|create.*|rename.*"
              + "|aggregate|runCommand|watch");

  @Test
  void usesNoModuleOfThisSystemButTheSharedModel() {
    classes()
        .that()
        .resideInAPackage(TOOL + "..")
        .should()
        .onlyDependOnClassesThat(
            DescribedPredicate.describe(
                "outside com.voicecampaigns, in the tool or in the shared model",
                (JavaClass target) ->
                    !target.getPackageName().startsWith("com.voicecampaigns.")
                        || target.getPackageName().startsWith(TOOL)
                        || target.getPackageName().startsWith("com.voicecampaigns.model")))
        .because("the cut-over creates everything through the API, so every API rule applies")
        .check(CLASSES);
  }

  @Test
  void usesNoSpringSoNoSpringDataMongoDb() {
    noClasses()
        .that()
        .resideInAPackage(TOOL + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..")
        .because("it builds no Criteria or Update: it never touches this system's collections")
        .check(CLASSES);
  }

  @Test
  void onlyTheSeedReadersUseTheDriver() {
    noClasses()
        .that()
        .resideInAPackage(TOOL + "..")
        .and()
        .haveSimpleNameNotStartingWith("Seed")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.mongodb..", "org.bson..")
        .because("the old service's database is read in SeedDatabase, SeedDocuments, SeedContacts")
        .check(CLASSES);
  }

  @Test
  void neverWritesToTheOldServicesDatabase() {
    neverWrites(TOOL).check(CLASSES);
  }

  @Test
  void theWriteRuleFindsAWrite() {
    JavaClasses writer = new ClassFileImporter().importClasses(WritesToTheSeed.class);

    assertThatThrownBy(() -> neverWrites(WritesToTheSeed.class.getPackageName()).check(writer))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("MongoCollection.insertOne");
  }

  /** A class of the kind the rule forbids: it writes to a collection. */
  static final class WritesToTheSeed {
    void write(MongoCollection<Document> collection) {
      collection.insertOne(new Document("a", 1));
    }
  }

  private static ArchRule neverWrites(String pkg) {
    return noClasses()
        .that()
        .resideInAPackage(pkg + "..")
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "a MongoCollection or MongoDatabase method that may write",
                (JavaCall<?> call) ->
                    (call.getTargetOwner().isAssignableTo(MongoCollection.class)
                            || call.getTargetOwner().isAssignableTo(MongoDatabase.class))
                        && WRITES.matcher(call.getName()).matches()))
        .because("the cut-over only reads the old service's database");
  }

  @Test
  void noMainClassIsOver250Lines() {
    assertMainClassesAreSmall(Path.of("src/main/java"));
  }
}
