package io.portlock.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one test clock: it moves only when the code under test sleeps on it or the test advances it,
 * so waits of minutes take no time. Pass it as both the {@link Clock} and the {@link Sleeper}.
 */
public final class ManualTime extends Clock implements Sleeper {
  private volatile Instant now;

  /** Every sleep asked for, in order. */
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public ManualTime(Instant start) {
    this.now = start;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    advance(duration);
  }

  /** Time passes without anyone sleeping (another process's time, a lag running out). */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  public long epochSecond() {
    return now.getEpochSecond();
  }
}
