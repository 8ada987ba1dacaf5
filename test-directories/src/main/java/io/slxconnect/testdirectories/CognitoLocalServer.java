package io.slxconnect.testdirectories;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * cognito-local (npm, 5.3.0), an emulator of the AWS Cognito user pools API, on 127.0.0.1 and a
 * free port, in a private temporary directory (its data lands in {@code .cognito/db} there). It is
 * configured so that usernames need not be e-mail addresses. It is installed by
 * {@code .ci/install-cognito-local} into {@code $COGNITO_LOCAL_HOME} (default
 * {@code /opt/cognito-local}); when it or node is missing, starting fails with the command that
 * installs it, never skips.
 *
 * <p>What it does differently from the real service (it ignores {@code Limit} and pagination
 * tokens, answers a missing group with an empty HTTP 500) is in the shared ENVIRONMENT notes and
 * in the Cognito connector's documentation.
 */
public final class CognitoLocalServer implements AutoCloseable {

  /** The version {@code .ci/install-cognito-local} installs. */
  public static final String VERSION = "5.3.0";
  private static final Path HOME =
      Path.of(System.getenv().getOrDefault("COGNITO_LOCAL_HOME", "/opt/cognito-local"));
  private static final String INSTALL = "Install it with .ci/install-cognito-local (npm install "
      + "--prefix " + HOME + " cognito-local@" + VERSION + "; needs node and npm: apt-get install "
      + "nodejs npm)";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Path dir;
  private final int port;
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  private CognitoLocalServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts an emulator with no user pools.
   *
   * @return the running emulator
   * @throws IOException when it does not start
   * @throws IllegalStateException when node or cognito-local is not installed
   * @throws InterruptedException when interrupted while waiting for it
   */
  public static CognitoLocalServer start() throws IOException, InterruptedException {
    Path script = HOME.resolve("node_modules/cognito-local/lib/bin/start.js");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("cognito-local is not installed in " + HOME + ". " + INSTALL);
    }
    Path node = ServerProcesses.executable("node", "/usr/bin/node", "node is not installed. "
        + INSTALL);
    Path dir = Files.createTempDirectory("cognito-local");
    Files.createDirectories(dir.resolve(".cognito"));
    // Without it cognito-local makes every username an e-mail address.
    Files.writeString(dir.resolve(".cognito/config.json"),
        "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}");
    int port = ServerProcesses.freePort();
    Path log = dir.resolve("cognito-local.log");
    ProcessBuilder builder = new ProcessBuilder(List.of(node.toString(), script.toString()))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("PORT", String.valueOf(port));
    CognitoLocalServer server = new CognitoLocalServer(dir, port, builder.start());
    if (!ServerProcesses.awaitListening(server.process, port, START_TIMEOUT)) {
      server.close();
      throw new IOException("cognito-local did not start on port " + port + ": "
          + ServerProcesses.tail(log));
    }
    return server;
  }

  /** {@return the emulator's URL, for an SDK's endpoint override} */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Calls an operation the way the AWS SDK does (AWS JSON 1.1; the emulator checks no
   * signature), for tests without the SDK.
   *
   * @param operation the operation, for example {@code AdminDisableUser}
   * @param json the request body
   * @return the response body
   * @throws IOException when the call fails or the emulator answers an error
   * @throws InterruptedException when interrupted while waiting
   */
  public String call(String operation, String json) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint())
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/"
            + "cognito-idp/aws4_request, SignedHeaders=host, Signature=test")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(operation + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  /** Stops the emulator and deletes its directory. */
  @Override
  public void close() {
    ServerProcesses.terminate(process.toHandle(), STOP_TIMEOUT);
    ServerProcesses.deleteTree(dir);
  }
}
