package io.slxconnect.cognito;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientAsyncConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClientBuilder;

/**
 * Builds the SDK's asynchronous Cognito client for one connector, with I/O threads of its own.
 *
 * <p>HTTP goes through the SDK's Netty NIO client: non-blocking like the rest of the hub, and on
 * the hub's own Netty 4.2 (which Vert.x brings; the plugin jar bundles no Netty), so one Netty
 * runs in the JVM. The AWS CRT client would add a native library, and the URL connection client
 * blocks. The client gets two I/O threads of its own (Cognito calls are few and small), in a
 * group the connector owns, so that stopping does not wait for the SDK's two-second quiet
 * period.
 *
 * <p>The SDK's own retries are off: {@link CognitoCalls} retries throttled calls itself, with
 * delays it controls, and completes them on the caller's Vert.x context. The SDK completes its
 * futures directly on its I/O threads (no extra executor), since every answer is handed over to a
 * Vert.x context anyway.
 */
final class CognitoClients {

  /** The longest a single call may take, all within the hub's 30 s call timeout. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * A client and the I/O threads it runs on.
   *
   * @param api the SDK client
   * @param threads its event loop group, which the SDK does not close
   */
  record Client(CognitoIdentityProviderAsyncClient api, EventLoopGroup threads) {

    /** Closes the client, then lets its threads end without waiting for them. */
    void close() {
      api.close();
      threads.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private CognitoClients() {
  }

  /**
   * Builds a client.
   *
   * @param settings the pool, the region, the credentials and the endpoint
   * @return the client; the caller closes it
   */
  // Netty 4.2 deprecates NioEventLoopGroup for MultiThreadIoEventLoopGroup, but the SDK only
  // recognises the former (it derives the channel types from the group's class).
  @SuppressWarnings("deprecation")
  static Client create(CognitoSettings settings) {
    EventLoopGroup threads =
        new NioEventLoopGroup(2, new DefaultThreadFactory("slx-cognito", true));
    CognitoIdentityProviderAsyncClientBuilder builder = CognitoIdentityProviderAsyncClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials(settings.credentials()))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .eventLoopGroup(SdkEventLoopGroup.create(threads))
            .connectionTimeout(CONNECT_TIMEOUT)
            .maxConcurrency(32))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(CALL_TIMEOUT)
            .build())
        .asyncConfiguration(ClientAsyncConfiguration.builder()
            .advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run)
            .build());
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return new Client(builder.build(), threads);
  }

  private static AwsCredentialsProvider credentials(CognitoSettings.Credentials credentials) {
    if (credentials.defaultChain()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(
        credentials.accessKeyId(), credentials.secretAccessKey()));
  }
}
