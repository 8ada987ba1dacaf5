package io.slxconnect.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link ConnectorInstance#test()}: the steps tried, in order, and facts learnt
 * about the connected system (vendor, version, supported change detection...).
 *
 * @param steps the steps tried, in order; the first failed step is the diagnosis
 * @param facts what was learnt about the system, shown to the admin as a table
 */
public record ConnectionReport(List<Step> steps, Map<String, String> facts) {

  /**
   * Creates a report.
   *
   * @param steps the steps tried, in order
   * @param facts what was learnt about the system
   */
  public ConnectionReport {
    steps = List.copyOf(steps);
    facts = Map.copyOf(facts);
  }

  /**
   * Whether every step succeeded.
   *
   * @return {@code true} when the connection works
   */
  public boolean success() {
    return !steps.isEmpty() && steps.stream().allMatch(Step::success);
  }

  /**
   * One step of a connection test, such as "connect", "bind" or "read base DN".
   *
   * @param name what was tried, in a few words
   * @param success whether it worked
   * @param detail what happened, in words an admin can act on (never a secret)
   */
  public record Step(String name, boolean success, String detail) {

    /**
     * Creates a step.
     *
     * @param name what was tried
     * @param success whether it worked
     * @param detail what happened
     */
    public Step {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(detail, "detail");
    }

    /**
     * A step that worked.
     *
     * @param name what was tried
     * @param detail what happened
     * @return the step
     */
    public static Step ok(String name, String detail) {
      return new Step(name, true, detail);
    }

    /**
     * A step that failed.
     *
     * @param name what was tried
     * @param detail what went wrong and what to check
     * @return the step
     */
    public static Step failed(String name, String detail) {
      return new Step(name, false, detail);
    }
  }
}
