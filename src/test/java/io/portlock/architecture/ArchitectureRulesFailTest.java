package io.portlock.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.portlock.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule catches the mistake it is there for: checked on small classes in the test
 * sources that make it ({@code cli.CliViolations}, {@code domain.DomainViolations}), which {@link
 * ArchitectureTest} leaves out.
 */
class ArchitectureRulesFailTest {

  private static JavaClasses fixture(String... names) {
    ClassFileImporter importer = new ClassFileImporter();
    java.util.List<Class<?>> classes = new java.util.ArrayList<>();
    for (String name : names) {
      try {
        classes.add(Class.forName(name));
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }
    classes.add(Config.class);
    return importer.importClasses(classes);
  }

  private static void assertViolated(ArchRule rule, JavaClasses classes, String culprit) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(culprit);
  }

  @Test
  void planningInCliBreaksTheOnlyTheEnginePlansRule() {
    assertViolated(
        ArchitectureRules.ONLY_THE_ENGINE_PLANS,
        fixture("io.portlock.cli.CliViolations$PlansInCli"),
        "PlansInCli");
  }

  @Test
  void drivingTheApplierFromCliBreaksTheOnlyTheEngineAppliesRule() {
    assertViolated(
        ArchitectureRules.ONLY_THE_ENGINE_APPLIES,
        fixture("io.portlock.cli.CliViolations$AppliesInCli"),
        "AppliesInCli");
  }

  @Test
  void lockingAndWritingTheStateFromCliBreaksTheStateRule() {
    JavaClasses classes = fixture("io.portlock.cli.CliViolations$WritesStateInCli");
    EvaluationResult result = ArchitectureRules.ONLY_THE_ENGINE_CHANGES_THE_STATE.evaluate(classes);
    assertThat(result.getFailureReport().getDetails())
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("StateStore.open"))
        .anySatisfy(line -> assertThat(line).contains("StateSession.commit"));
  }

  @Test
  void xmlOutsideTheWirePackagesBreaksTheXmlRule() {
    assertViolated(
        ArchitectureRules.XML_STAYS_ON_THE_WIRE,
        fixture("io.portlock.cli.CliViolations$XmlInCli"),
        "XmlMapper");
  }

  @Test
  void domainReachingIntoConfigBreaksTheTableAndMakesACycle() {
    // Config depends on AccountId: with DomainViolations the two packages depend on each other.
    JavaClasses classes =
        fixture("io.portlock.domain.DomainViolations", "io.portlock.domain.AccountId");
    assertViolated(ArchitectureRules.ALLOWED_DEPENDENCIES, classes, "DomainViolations");
    assertViolated(ArchitectureRules.NO_CYCLES, classes, "DomainViolations");
  }

  @Test
  void aPackageMissingFromTheTableBreaksTheTableRule() {
    assertViolated(
        ArchitectureRules.EVERY_PACKAGE_IN_THE_TABLE,
        fixture("io.portlock.architecture.ArchitectureRulesFailTest"),
        "ArchitectureRulesFailTest");
  }
}
