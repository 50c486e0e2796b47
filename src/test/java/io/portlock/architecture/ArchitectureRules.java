package io.portlock.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.portlock.apply.Applier;
import io.portlock.config.Config;
import io.portlock.config.GroupConfig;
import io.portlock.domain.Passcode;
import io.portlock.plan.Planner;
import io.portlock.state.StateSession;
import io.portlock.state.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The package rules of the README's architecture section, as ArchUnit rules over the compiled
 * classes. {@link ArchitectureTest} checks them on the product; {@link ArchitectureRulesFailTest}
 * shows that each one catches the mistake it is there for.
 */
final class ArchitectureRules {
  private ArchitectureRules() {}

  /** The README's table: what each package may depend on, besides itself and the libraries. */
  static final Map<String, Set<String>> ALLOWED = allowed();

  private static Map<String, Set<String>> allowed() {
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    allowed.put("domain", Set.of());
    allowed.put("files", Set.of());
    allowed.put("config", Set.of("domain"));
    allowed.put("state", Set.of("domain", "files"));
    allowed.put("plan", Set.of("domain", "config", "state"));
    allowed.put("bandwidth", Set.of("domain"));
    allowed.put("sandbox", Set.of("domain", "files"));
    allowed.put("apply", Set.of("domain", "plan", "state", "bandwidth"));
    allowed.put(
        "engine", Set.of("domain", "config", "state", "plan", "bandwidth", "apply", "files"));
    allowed.put(
        "cli",
        Set.of(
            "domain",
            "config",
            "state",
            "plan",
            "bandwidth",
            "sandbox",
            "apply",
            "engine",
            "files"));
    allowed.put("bench", Set.of("domain", "state", "config"));
    allowed.put("chaos", Set.of("domain", "state", "sandbox", "bench", "config", "plan"));
    return allowed;
  }

  /** Each package depends only on the packages the table allows. */
  static final ArchRule ALLOWED_DEPENDENCIES = allowedDependencies();

  private static ArchRule allowedDependencies() {
    List<ArchRule> rules = new ArrayList<>();
    ALLOWED.forEach(
        (pkg, uses) -> {
          List<String> permitted = new ArrayList<>();
          permitted.add("io.portlock." + pkg + "..");
          uses.forEach(used -> permitted.add("io.portlock." + used + ".."));
          rules.add(
              noClasses()
                  .that()
                  .resideInAPackage("io.portlock." + pkg + "..")
                  .should()
                  .dependOnClassesThat(
                      resideInAPackage("io.portlock..")
                          .and(not(resideInAnyPackage(permitted.toArray(String[]::new)))))
                  .as(
                      "io.portlock."
                          + pkg
                          + " depends only on "
                          + (uses.isEmpty()
                              ? "itself"
                              : String.join(", ", uses.stream().sorted().toList())))
                  // A package may be empty in what is checked (the harness is only in the test
                  // output).
                  .allowEmptyShould(true));
        });
    return CompositeArchRule.of(rules)
        .as("each package depends only on what the README's table allows");
  }

  /** A package missing from the table would escape every rule above. */
  static final ArchRule EVERY_PACKAGE_IN_THE_TABLE =
      classes()
          .that()
          .resideInAPackage("io.portlock..")
          .should()
          .resideInAnyPackage(
              ALLOWED.keySet().stream().map(p -> "io.portlock." + p + "..").toArray(String[]::new))
          .as("every package of io.portlock is in the README's dependency table");

  static final ArchRule NO_CYCLES =
      slices()
          .matching("io.portlock.(*)..")
          .should()
          .beFreeOfCycles()
          .as("the packages of io.portlock form no cycle");

  /** Jackson's XML types stay in the packages that speak the wire format. */
  static final ArchRule XML_STAYS_ON_THE_WIRE =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.portlock.bandwidth..", "io.portlock.sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.fasterxml.jackson.dataformat.xml..")
          .as("Jackson's XML types stay inside bandwidth and sandbox");

  /** Planning is a use case: only the engine plans (plan's own integrity check re-packs). */
  static final ArchRule ONLY_THE_ENGINE_PLANS =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.portlock.engine..", "io.portlock.plan..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Planner.class)
          .as("only the engine calls the Planner");

  /** Sending orders is a use case: only the engine drives the applier. */
  static final ArchRule ONLY_THE_ENGINE_APPLIES =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.portlock.engine..", "io.portlock.apply..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Applier.class)
          .as("only the engine drives the Applier");

  /** The safety guards decide whether an apply may go on: that is the engine's call. */
  static final ArchRule ONLY_THE_ENGINE_GUARDS =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.portlock.engine..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.portlock.engine.Guards")
          .as("only the engine uses the safety guards");

  /**
   * Changing the state is a use case: the engine (and the applier it drives) opens a session (the
   * lock) and commits to it; the benchmark generator writes the states it makes up.
   */
  static final ArchRule ONLY_THE_ENGINE_CHANGES_THE_STATE =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.portlock.engine..",
              "io.portlock.apply..",
              "io.portlock.state..",
              "io.portlock.bench..")
          .should()
          .callMethodWhere(target(name("open")).and(target(owner(assignableTo(StateStore.class)))))
          .orShould()
          .callMethodWhere(
              target(name("commit")).and(target(owner(assignableTo(StateSession.class)))))
          .as("only the engine (and the applier it drives) locks and changes the state");

  /** The planner compares fingerprints; a passcode never reaches it. */
  static final ArchRule THE_PLANNER_SEES_NO_PASSCODE =
      noClasses()
          .that()
          .belongToAnyOf(Planner.class)
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Passcode.class, GroupConfig.class, Config.class)
          .as("the Planner sees no passcode (it gets a Desired, not the Config)");
}
