package io.slxconnect.hub.support;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills the parameters of a documented path with values that name nothing that exists. */
public final class SamplePaths {

  private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

  private SamplePaths() {
  }

  /**
   * A concrete path.
   *
   * @param template the documented path, such as {@code /api/v1/users/{userId}}
   * @return the path with every parameter filled
   */
  public static String of(String template) {
    Matcher m = PARAMETER.matcher(template);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "username" -> "nobody-here";
        case "type" -> "no-such-type";
        case "taskId" -> "987654321";
        default -> UUID.randomUUID().toString();
      };
      m.appendReplacement(path, value);
    }
    m.appendTail(path);
    return path.toString();
  }
}
