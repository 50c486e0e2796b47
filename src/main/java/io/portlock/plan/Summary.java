package io.portlock.plan;

/** The counts of a plan, as Terraform prints them last. */
public record Summary(long add, long change, long remove, long unchanged, int orders, long drift) {

  public long changed() {
    return add + change + remove;
  }

  public boolean hasChanges() {
    return changed() > 0;
  }
}
