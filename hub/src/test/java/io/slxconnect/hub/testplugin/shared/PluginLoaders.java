package io.slxconnect.hub.testplugin.shared;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The class loaders the test plugin's types were loaded by, held weakly: shared by the tests and
 * the plugin (the jar leaves this package out), so a test can tell whether an unloaded version's
 * class loader was collected or leaked.
 */
public final class PluginLoaders {

  private static final List<WeakReference<ClassLoader>> SEEN = new CopyOnWriteArrayList<>();

  private PluginLoaders() {
  }

  /**
   * Records the class loader of a plugin class.
   *
   * @param type a class of the plugin
   */
  public static void seen(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (SEEN.stream().noneMatch(r -> r.get() == loader)) {
      SEEN.add(new WeakReference<>(loader));
    }
  }

  /**
   * Counts the class loaders recorded from some point on that are still reachable.
   *
   * @param from how many were {@link #recorded()} at that point
   * @return how many of the later ones are alive
   */
  public static long aliveSince(int from) {
    return SEEN.subList(from, SEEN.size()).stream().filter(r -> r.get() != null).count();
  }

  /** @return how many class loaders were recorded in all */
  public static int recorded() {
    return SEEN.size();
  }
}
