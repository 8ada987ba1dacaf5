package io.slxconnect.cognito;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * cognito-local (npm, 5.3.0), an emulator of the Cognito user pools API, started on a free
 * loopback port in a directory of its own. It is installed by {@code .ci/install-cognito-local}
 * into {@code $COGNITO_LOCAL_HOME} (default {@code /opt/cognito-local}); when it is missing the
 * test fails with the command that installs it.
 *
 * <p>Besides the connector under test, tests use {@link #admin()}, a plain SDK client, to make
 * changes "behind the hub's back" and to check what the connector wrote.
 */
final class CognitoLocal implements AutoCloseable {

  private static final String VERSION = "5.3.0";
  private static final Path HOME =
      Path.of(System.getenv().getOrDefault("COGNITO_LOCAL_HOME", "/opt/cognito-local"));

  private final Process process;
  private final Path directory;
  private final URI endpoint;
  private final CognitoIdentityProviderAsyncClient admin;

  private CognitoLocal(Process process, Path directory, URI endpoint) {
    this.process = process;
    this.directory = directory;
    this.endpoint = endpoint;
    this.admin = CognitoIdentityProviderAsyncClient.builder()
        .region(Region.US_EAST_1).endpointOverride(endpoint)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test-key-id", "test-secret")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * Starts an emulator.
   *
   * @return the running emulator
   * @throws IOException when it cannot be started
   */
  static CognitoLocal start() throws IOException {
    Path script = HOME.resolve("node_modules/cognito-local/lib/bin/start.js");
    if (!Files.isRegularFile(script)) {
      fail("cognito-local is not installed in " + HOME + ". Install it with "
          + ".ci/install-cognito-local (npm install --prefix " + HOME + " cognito-local@"
          + VERSION + "; needs node and npm: apt-get install nodejs npm)");
    }
    Path directory = Files.createTempDirectory("cognito-local");
    Files.createDirectories(directory.resolve(".cognito"));
    // Without this, cognito-local makes every username an e-mail address.
    Files.writeString(directory.resolve(".cognito/config.json"), new JsonObject()
        .put("UserPoolDefaults", new JsonObject().put("UsernameAttributes", new JsonArray()))
        .encode());
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString()))
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("cognito-local.log").toFile());
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("PORT", String.valueOf(port));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("Cannot run node (apt-get install nodejs npm): " + e.getMessage(), e);
    }
    CognitoLocal local = new CognitoLocal(process, directory,
        URI.create("http://127.0.0.1:" + port));
    try {
      await("cognito-local listening on port " + port).atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !process.isAlive() || accepts(port));
      if (!process.isAlive()) {
        fail("cognito-local exited at start: " + Files.readString(
            directory.resolve("cognito-local.log")));
      }
    } catch (RuntimeException | AssertionError e) {
      local.close();
      throw e;
    }
    return local;
  }

  /** {@return the emulator's URL, for the endpoint override} */
  URI endpoint() {
    return endpoint;
  }

  /** {@return an SDK client of the emulator, for changes made behind the hub's back} */
  CognitoIdentityProviderAsyncClient admin() {
    return admin;
  }

  /**
   * Creates a user pool.
   *
   * @param name the pool's name
   * @return its id
   */
  String createPool(String name) {
    return admin.createUserPool(r -> r.poolName(name)).join().userPool().id();
  }

  /**
   * Creates a user behind the hub's back.
   *
   * @param pool the pool
   * @param username the username
   * @param email the e-mail address
   * @return the user, with its sub
   */
  UserType createUser(String pool, String username, String email) {
    return admin.adminCreateUser(r -> r.userPoolId(pool).username(username)
        .messageAction("SUPPRESS")
        .userAttributes(a -> a.name("email").value(email))).join().user();
  }

  /**
   * Settings of a connector for a pool of this emulator.
   *
   * @param pool the pool id
   * @return the settings, before the hub's defaults
   */
  JsonObject settings(String pool) {
    return new JsonObject().put("region", "us-east-1").put("userPoolId", pool)
        .put("accessKeyId", "test-key-id").put("secretAccessKey", "test-secret")
        .put("endpoint", endpoint.toString());
  }

  @Override
  public void close() throws IOException {
    admin.close();
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(5).toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
