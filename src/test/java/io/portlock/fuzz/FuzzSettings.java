package io.portlock.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a longer fuzzing run be asked for on the command line without editing the tests: {@code
 * -Dportlock.fuzz.tries=100000} replaces every fuzz property's tries, and {@code
 * -Dportlock.fuzz.seed=N} its fixed seed (CI keeps the seed of the annotation, so that a failure
 * can be replayed). Added to each fuzz class with {@code @AddLifecycleHook}.
 */
public final class FuzzSettings implements AroundPropertyHook {
  /**
   * The tag of the fuzzers and the large-input tests (about 100 s together): {@code mvn test}
   * leaves them out to keep the inner loop short, {@code mvn verify} runs them (surefire's {@code
   * slow-tests} execution, see pom.xml).
   */
  public static final String SLOW = "slow";

  static final String TRIES = "portlock.fuzz.tries";
  static final String SEED = "portlock.fuzz.seed";

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    PropertyAttributes attributes = context.attributes();
    Integer tries = Integer.getInteger(TRIES);
    if (tries != null) {
      attributes.setTries(tries);
    }
    String seed = System.getProperty(SEED);
    if (seed != null && !seed.isBlank()) {
      attributes.setSeed(seed.trim());
    }
    return property.execute();
  }

  /** Added to a class, it applies to the class's properties. */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  /** Outermost, so that the attributes are changed before the property reads them. */
  @Override
  public int aroundPropertyProximity() {
    return -100;
  }
}
