package io.slxconnect.hrfile;

import io.slxconnect.api.ExternalUser;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One person as the HR file describes them. Whether their account is active depends on the
 * day: a row with a future start date is a pre-hire (the account exists, disabled), a row whose
 * end date has passed is a leaver, whatever its status says.
 *
 * @param employeeId the HR system's employee number: the stable id of the account
 * @param userName the login name
 * @param givenName the first name
 * @param familyName the last name
 * @param email the work email address, or {@code null}
 * @param department the department, or {@code null}
 * @param title the job title, or {@code null}
 * @param manager the manager's employee id, or {@code null}
 * @param leaver whether the status column says {@code leaver}
 * @param startDate the first working day, or {@code null}
 * @param endDate the last working day, or {@code null}
 */
record HrRow(String employeeId, String userName, String givenName, String familyName,
    String email, String department, String title, String manager, boolean leaver,
    LocalDate startDate, LocalDate endDate) {

  /**
   * Whether the person works here on that day.
   *
   * @param today the day, in the connector's time zone
   * @return {@code false} for a leaver, a pre-hire or after the end date
   */
  boolean activeOn(LocalDate today) {
    return !leaver && (startDate == null || !today.isBefore(startDate))
        && (endDate == null || !today.isAfter(endDate));
  }

  /**
   * The account as the hub sees it. The employee id is both the stable id and the employee
   * number; the manager is named by their stable id, which the hub resolves once that account
   * is linked.
   *
   * @param today the day, in the connector's time zone
   * @return the user
   */
  ExternalUser toUser(LocalDate today) {
    return new ExternalUser(employeeId, userName, givenName + " " + familyName, givenName,
        familyName, email == null ? List.of() : List.of(email), activeOn(today), employeeId,
        department, manager, List.of(), title == null ? Map.of() : Map.of("title", List.of(title)));
  }
}
