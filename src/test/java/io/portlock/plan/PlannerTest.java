package io.portlock.plan;

import static io.portlock.plan.PlanFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.portlock.domain.NumberSet;
import io.portlock.domain.Target;
import io.portlock.state.State;
import io.portlock.state.StateEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlannerTest {

  @Test
  void numbersMissingFromTheStateAreAdded() {
    Plan plan =
        new PlanFixtures()
            .group("hq", "A", 2018551020L, 2018551021L)
            .plan(PlanFixtures.emptyState());

    assertThat(plan.changes())
        .containsExactly(new Change.Add("hq", NumberSet.of(2018551020L, 2018551021L)));
    assertThat(plan.summary()).isEqualTo(new Summary(2, 0, 0, 0, 1, 0, 0, 0));
  }

  @Test
  void numbersWithTheAppliedFingerprintAreUnchangedAndNeedNoOrder() {
    Plan plan =
        new PlanFixtures()
            .group("hq", "A", 2018551020L)
            .plan(PlanFixtures.state("hq", "A", 2018551020L));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.orders()).isEmpty();
    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.unchangedByGroup()).containsEntry("hq", 1L);
  }

  @Test
  void aNewPasscodeChangesEveryNumberOfTheGroup() {
    Plan plan =
        new PlanFixtures()
            .group("hq", "B", 2018551020L, 2018551021L)
            .plan(PlanFixtures.state("hq", "A", 2018551020L, 2018551021L));

    assertThat(plan.changes())
        .containsExactly(
            new Change.Modify(
                "hq",
                "hq",
                Change.Reason.PASSCODE_CHANGED,
                NumberSet.of(2018551020L, 2018551021L)));
  }

  @Test
  void aNumberMovedToAnotherGroupWithTheSamePasscodeIsOnlyMovedInTheState() {
    Plan plan =
        new PlanFixtures()
            .group("hq", "A", 2018551020L)
            .group("support", "A", 2018551021L)
            .plan(PlanFixtures.state("hq", "A", 2018551020L, 2018551021L));

    assertThat(plan.changes())
        .containsExactly(new Change.Move("support", "hq", NumberSet.of(2018551021L)));
    assertThat(plan.orders()).isEmpty();
  }

  @Test
  void numbersNoLongerInTheConfigAreRemovedAsOneGroup() {
    State state =
        PlanFixtures.state("hq", "A", 2018551020L, 2018551021L)
            .withApplied(
                NumberSet.of(2125550100L),
                new StateEntry("old", PlanFixtures.fp("C"), Instant.EPOCH, null, null));
    Plan plan = new PlanFixtures().group("hq", "A", 2018551020L).plan(state);

    assertThat(plan.changes())
        .containsExactly(
            new Change.Remove("hq", NumberSet.of(2018551021L)),
            new Change.Remove("old", NumberSet.of(2125550100L)));
    assertThat(plan.orders())
        .singleElement()
        .satisfies(
            order -> {
              assertThat(order.groups())
                  .singleElement()
                  .satisfies(
                      g -> {
                        assertThat(g.isRemoval()).isTrue();
                        assertThat(g.numbers()).isEqualTo(NumberSet.of(2018551021L, 2125550100L));
                      });
            });
  }

  @Test
  void ordersAreTheMinimumTheLimitAllows() {
    // 3 groups of 7, 5 and 4 numbers = 16 changed numbers; at 5 per order: ceil(16/5) = 4.
    Plan plan =
        new PlanFixtures()
            .maxNumbers(5)
            .group("a", "A", range(2018550001L, 2018550007L))
            .group("b", "B", range(2018560001L, 2018560005L))
            .group("c", "C", range(2018570001L, 2018570004L))
            .plan(PlanFixtures.emptyState());

    assertThat(plan.orders()).hasSize(4);
    assertThat(plan.orders()).extracting(PlannedOrder::numberCount).containsExactly(5, 5, 5, 1);
    assertThat(plan.orders().get(1).groups())
        .extracting(PlannedGroup::target)
        .containsExactly(
            Target.set("a", PlanFixtures.fp("A")), Target.set("b", PlanFixtures.fp("B")));
    assertThat(plan.orders())
        .extracting(PlannedOrder::customerOrderId)
        .containsExactly(
            "portlock-3fa9c1d2e4b5a6f7-1", "portlock-3fa9c1d2e4b5a6f7-2",
            "portlock-3fa9c1d2e4b5a6f7-3", "portlock-3fa9c1d2e4b5a6f7-4");
    assertThat(plan.orders())
        .allSatisfy(o -> assertThat(o.customerOrderId()).matches("[A-Za-z0-9-]{1,40}"));
  }

  @Test
  void groupsSharingAPasscodeShareOneOptionGroupInAnOrder() {
    Plan plan =
        new PlanFixtures()
            .group("a", "A", 2018550001L)
            .group("b", "B", 2018560001L)
            .group("c", "A", 2018570001L)
            .plan(PlanFixtures.emptyState());

    PlannedOrder order = plan.orders().get(0);
    assertThat(order.groups())
        .extracting(PlannedGroup::target)
        .containsExactly(
            Target.set("a", PlanFixtures.fp("A")),
            Target.set("c", PlanFixtures.fp("A")),
            Target.set("b", PlanFixtures.fp("B")));
    assertThat(order.optionGroupCount()).isEqualTo(2);
  }

  @Test
  void everyChangedNumberIsInExactlyOneOrder() {
    PlanFixtures fixtures =
        new PlanFixtures()
            .maxNumbers(7)
            .group("a", "A", range(2018550001L, 2018550020L))
            .group("b", "B", range(2018560001L, 2018560013L));
    State state =
        PlanFixtures.state("a", "OLD", range(2018550001L, 2018550010L))
            .withApplied(
                NumberSet.of(range(2125550001L, 2125550003L)),
                new StateEntry("gone", PlanFixtures.fp("G"), Instant.EPOCH, null, null));
    Plan plan = fixtures.plan(state);

    NumberSet.Builder inOrders = new NumberSet.Builder();
    plan.orders().forEach(o -> o.groups().forEach(g -> inOrders.addAll(g.numbers())));
    NumberSet.Builder changed = new NumberSet.Builder();
    plan.changes().forEach(c -> changed.addAll(c.numbers()));
    assertThat(inOrders.size()).isEqualTo(changed.size()).isEqualTo(20 + 13 + 3);
    assertThat(inOrders.build()).isEqualTo(changed.build());
    assertThat(plan.orders()).hasSize((36 + 6) / 7);
  }

  @Test
  void observedDriftIsPlannedAsARepair() {
    PlanFixtures fixtures =
        new PlanFixtures().group("hq", "A", 2018551020L, 2018551021L, 2018551022L);
    State state = PlanFixtures.state("hq", "A", 2018551020L, 2018551021L, 2018551022L);
    Plan plan =
        Planner.plan(
            Desired.of(fixtures.config()),
            fixtures.fingerprints(),
            state,
            true,
            new Observations(
                NumberSet.empty(),
                NumberSet.of(2018551020L),
                NumberSet.of(2018551021L),
                NumberSet.of(2018551022L)),
            true,
            PlanFixtures.CONTEXT);

    assertThat(plan.changes())
        .containsExactly(
            new Change.Modify("hq", "hq", Change.Reason.DRIFT_CHANGED, NumberSet.of(2018551020L)),
            new Change.Modify("hq", "hq", Change.Reason.DRIFT_REMOVED, NumberSet.of(2018551021L)));
    assertThat(plan.leftAccount()).isEqualTo(NumberSet.of(2018551022L));
    assertThat(plan.summary().drift()).isEqualTo(3);
  }

  @Test
  void aRenamedGroupWithTheSamePasscodeIsAMoveThatSendsNoOrderAndCountsAsNoChange() {
    Plan plan =
        new PlanFixtures()
            .group("headquarters", "A", 2018551020L, 2018551021L)
            .plan(PlanFixtures.state("hq", "A", 2018551020L, 2018551021L));

    assertThat(plan.changes())
        .containsExactly(
            new Change.Move("headquarters", "hq", NumberSet.of(2018551020L, 2018551021L)));
    assertThat(plan.orders()).isEmpty();
    assertThat(plan.hasChanges()).isTrue();
    assertThat(plan.summary()).isEqualTo(new Summary(0, 0, 0, 0, 0, 0, 2, 0));
    assertThat(plan.summary().changed()).as("what the safety guards count").isZero();
  }

  @Test
  void aMovedNumberWhosePasscodeDiffersIsSetAgain() {
    Plan plan =
        new PlanFixtures()
            .group("headquarters", "B", 2018551020L)
            .plan(PlanFixtures.state("hq", "A", 2018551020L));

    assertThat(plan.changes())
        .containsExactly(
            new Change.Modify(
                "headquarters", "hq", Change.Reason.MOVED, NumberSet.of(2018551020L)));
    assertThat(plan.orders()).hasSize(1);
  }

  @Test
  void readBackDecidesForNumbersTheStateDoesNotManage() {
    PlanFixtures fixtures =
        new PlanFixtures().group("hq", "A", 2018551020L, 2018551021L, 2018551022L, 2018551023L);
    Observations observed =
        new Observations(
            NumberSet.of(2018551020L),
            NumberSet.of(2018551021L),
            NumberSet.of(2018551022L),
            NumberSet.of(2018551023L));

    Plan plan =
        Planner.plan(
            Desired.of(fixtures.config()),
            fixtures.fingerprints(),
            PlanFixtures.emptyState(),
            false,
            observed,
            true,
            PlanFixtures.CONTEXT);

    assertThat(plan.changes())
        .containsExactly(
            new Change.Add("hq", NumberSet.of(2018551022L)),
            new Change.Modify("hq", null, Change.Reason.SET_OUTSIDE, NumberSet.of(2018551021L)),
            new Change.Adopt("hq", null, NumberSet.of(2018551020L)));
    assertThat(plan.leftAccount()).isEqualTo(NumberSet.of(2018551023L));
    assertThat(plan.orders()).hasSize(1);
    assertThat(plan.orders().get(0).numberCount()).isEqualTo(2);
  }

  @Test
  void aNewPasscodeBandwidthAlreadyHoldsIsRecordedWithoutAnOrder() {
    PlanFixtures fixtures = new PlanFixtures().group("hq", "B", 2018551020L);
    Observations observed =
        new Observations(
            NumberSet.of(2018551020L), NumberSet.empty(), NumberSet.empty(), NumberSet.empty());

    Plan plan =
        Planner.plan(
            Desired.of(fixtures.config()),
            fixtures.fingerprints(),
            PlanFixtures.state("hq", "A", 2018551020L),
            true,
            observed,
            true,
            PlanFixtures.CONTEXT);

    assertThat(plan.changes())
        .containsExactly(new Change.Adopt("hq", "hq", NumberSet.of(2018551020L)));
    assertThat(plan.orders()).isEmpty();
  }
}
