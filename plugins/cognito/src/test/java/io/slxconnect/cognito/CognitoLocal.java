package io.slxconnect.cognito;

import io.slxconnect.testdirectories.CognitoLocalServer;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * A running cognito-local ({@link CognitoLocalServer}) with a plain SDK client of it,
 * {@link #admin()}, for changes made "behind the hub's back" and to check what the connector
 * wrote.
 */
final class CognitoLocal implements AutoCloseable {

  private final CognitoLocalServer server;
  private final CognitoIdentityProviderAsyncClient admin;

  private CognitoLocal(CognitoLocalServer server) {
    this.server = server;
    this.admin = CognitoIdentityProviderAsyncClient.builder()
        .region(Region.US_EAST_1).endpointOverride(server.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test-key-id", "test-secret")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * Starts an emulator.
   *
   * @return the running emulator
   * @throws Exception when it cannot be started; names the install command when missing
   */
  static CognitoLocal start() throws Exception {
    return new CognitoLocal(CognitoLocalServer.start());
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
        .userAttributes(AttributeType.builder().name("email").value(email).build()))
        .join().user();
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
        .put("endpoint", server.endpoint().toString());
  }

  @Override
  public void close() {
    admin.close();
    server.close();
  }
}
