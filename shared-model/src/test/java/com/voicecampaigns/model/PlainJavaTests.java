package com.voicecampaigns.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shared model is plain Java: what every module may use without pulling in a framework. */
class PlainJavaTests {

  @Test
  void usesNoSpringAndNoMongoDb() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.bson..", "com.mongodb..", "com.voicecampaigns.store..")
        .because("the mapping to MongoDB is campaign-store's; the model stays plain Java")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.voicecampaigns.model"));
  }
}
