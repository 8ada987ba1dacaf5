package io.slxconnect.hub.imports;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * An import schedule: a preset or a five-field Unix cron expression, evaluated in UTC.
 *
 * @param preset {@code hourly}, {@code daily}, {@code weekly} or {@code cron}
 * @param expression the cron expression
 */
public record CronSchedule(String preset, String expression) {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Map<String, String> PRESETS = Map.of(
      "hourly", "0 * * * *",
      "daily", "0 2 * * *",
      "weekly", "0 2 * * 1");

  /**
   * Reads a schedule from the API's preset and expression.
   *
   * @param preset the preset
   * @param cron the expression, only for the {@code cron} preset
   * @return the schedule
   * @throws IllegalArgumentException with a readable reason when the expression is invalid
   */
  public static CronSchedule of(String preset, String cron) {
    if (!"cron".equals(preset)) {
      return new CronSchedule(preset, PRESETS.get(preset));
    }
    if (cron == null || cron.isBlank()) {
      throw new IllegalArgumentException("Enter a cron expression for a custom schedule");
    }
    String expression = cron.trim().replaceAll("\\s+", " ");
    parse(expression);
    return new CronSchedule(preset, expression);
  }

  /**
   * When the schedule fires next.
   *
   * @param after the time to start from
   * @return the next time strictly after it
   */
  public OffsetDateTime nextAfter(OffsetDateTime after) {
    return ExecutionTime.forCron(parse(expression))
        .nextExecution(ZonedDateTime.ofInstant(after.toInstant(), ZoneOffset.UTC))
        .map(ZonedDateTime::toOffsetDateTime)
        .orElseThrow(() -> new IllegalArgumentException("The schedule never fires"));
  }

  private static Cron parse(String expression) {
    try {
      return PARSER.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not a valid cron expression (minute hour "
          + "day-of-month month day-of-week): " + e.getMessage(), e);
    }
  }
}
