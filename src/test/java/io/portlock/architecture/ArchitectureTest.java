package io.portlock.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The README's architecture rules hold for the product's classes and the harness (chaos, bench,
 * compiled with the tests), the tests themselves left out.
 */
@AnalyzeClasses(packages = "io.portlock", importOptions = ArchitectureTest.ProductAndHarness.class)
class ArchitectureTest {
  /** The product's classes, and the harness's from among the compiled tests. */
  static final class ProductAndHarness implements ImportOption {
    private static final ImportOption PRODUCT = new ImportOption.DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
      return PRODUCT.includes(location)
          || location.matches(
              java.util.regex.Pattern.compile(
                  ".*/io/portlock/(bench|chaos)/(?![^/]*(Test|IT)[$.])[^/]*\\.class"));
    }
  }

  @ArchTest static final ArchRule allowedDependencies = ArchitectureRules.ALLOWED_DEPENDENCIES;

  @ArchTest
  static final ArchRule everyPackageInTheTable = ArchitectureRules.EVERY_PACKAGE_IN_THE_TABLE;

  @ArchTest static final ArchRule noCycles = ArchitectureRules.NO_CYCLES;

  @ArchTest static final ArchRule xmlStaysOnTheWire = ArchitectureRules.XML_STAYS_ON_THE_WIRE;

  @ArchTest static final ArchRule onlyTheEnginePlans = ArchitectureRules.ONLY_THE_ENGINE_PLANS;

  @ArchTest static final ArchRule onlyTheEngineApplies = ArchitectureRules.ONLY_THE_ENGINE_APPLIES;

  @ArchTest static final ArchRule onlyTheEngineGuards = ArchitectureRules.ONLY_THE_ENGINE_GUARDS;

  @ArchTest
  static final ArchRule onlyTheEngineChangesTheState =
      ArchitectureRules.ONLY_THE_ENGINE_CHANGES_THE_STATE;

  @ArchTest
  static final ArchRule thePlannerSeesNoPasscode = ArchitectureRules.THE_PLANNER_SEES_NO_PASSCODE;
}
