package io.slxconnect.testdirectories;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/** What the servers that run as processes of their own, or in private directories, share. */
final class ServerProcesses {

  private ServerProcesses() {
  }

  /**
   * Finds a server program, or fails with the command that installs it: a missing server is an
   * error of the machine's setup, never a reason to skip the tests.
   *
   * @param name the program's name, looked up on the PATH after {@code usualPath}
   * @param usualPath where Debian installs it ({@code /usr/sbin} is often not on the PATH)
   * @param missing the explanation when it is not found, with the install command
   * @return the program
   */
  static Path executable(String name, String usualPath, String missing) {
    Stream<Path> candidates = Stream.concat(Stream.of(Path.of(usualPath)),
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .filter(p -> !p.isEmpty()).map(p -> Path.of(p, name)));
    return candidates.filter(Files::isExecutable).findFirst().orElseThrow(() ->
        new IllegalStateException(missing + " ('" + name + "' not found)"));
  }

  /**
   * Waits until a server process listens on its port.
   *
   * @param server the process
   * @param port its loopback port
   * @param timeout how long it may take
   * @return whether it listens; {@code false} when it exited or the time ran out
   */
  static boolean awaitListening(Process server, int port, Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(20))
          .until(() -> listening(port) || !server.isAlive());
    } catch (ConditionTimeoutException e) {
      return false;
    }
    return server.isAlive() && listening(port);
  }

  /**
   * Runs a command to its end, its output going to a file.
   *
   * @param command the program and its arguments
   * @param timeout how long it may take
   * @param output where its standard output and error go (replaced)
   * @return the output
   * @throws IOException when it cannot start, exits with an error or does not finish in time
   * @throws InterruptedException when interrupted while waiting for it
   */
  static String run(List<String> command, Duration timeout, Path output)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    // Only the program and its first argument are shown: the rest may hold a password.
    String name = Path.of(command.get(0)).getFileName()
        + (command.size() > 1 ? " " + command.get(1) : "");
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException(name + " did not finish within " + timeout);
    }
    if (process.exitValue() != 0) {
      throw new IOException(name + " failed with exit code " + process.exitValue() + ":\n"
          + tail(output));
    }
    return Files.readString(output);
  }

  /**
   * Stops a server process and everything it started: SIGTERM first, so that it can write its
   * state (slapd its contextCSN, for instance), then SIGKILL after the grace period.
   *
   * @param server the process
   * @param grace how long it may take to exit by itself
   */
  static void terminate(ProcessHandle server, Duration grace) {
    // Collected before the parent exits: afterwards its children are no longer its descendants.
    List<ProcessHandle> tree = new ArrayList<>(server.descendants().toList());
    server.destroy();
    if (!awaitExit(server, grace)) {
      server.destroyForcibly();
      // Waited for, so that a restart finds the port free.
      awaitExit(server, grace);
    }
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /**
   * Whether something accepts connections on a loopback port.
   *
   * @param port the port on 127.0.0.1
   * @return true when a connection succeeds within 200 ms
   */
  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Finds a port nobody listens on at the moment.
   *
   * @return a free port on 127.0.0.1
   * @throws IOException when no socket can be opened
   */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * The last lines of a log, for an error message.
   *
   * @param file the log
   * @return its last 40 lines, or why there are none
   */
  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /**
   * Deletes a directory and everything in it; nothing when it does not exist.
   *
   * @param root the directory
   * @throws UncheckedIOException when something cannot be deleted
   */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }
}
