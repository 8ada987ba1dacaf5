/**
 * The AWS Cognito user pools connector plugin, on the AWS SDK v2's asynchronous client.
 *
 * <p>{@link io.slxconnect.cognito.CognitoConnectorType} is the PF4J extension the hub finds. Its
 * instances read users and groups page by page, write accounts, group memberships and passwords
 * with the Admin* operations, test the connection and the IAM permissions step by step, and, since
 * Cognito reports no changes, watch a pool by polling ListUsers. Every call is non-blocking; the
 * SDK's answers are handed back to the Vert.x context that made the call, and throttled calls are
 * retried with growing, jittered delays.
 */
package io.slxconnect.cognito;
