/**
 * The example connector: people from a CSV file that HR maintains.
 *
 * <p>Read it in this order: {@link io.slxconnect.hrfile.HrFileConnectorType} (what the hub sees
 * of a connector type), {@code HrFileConnector} (one configured instance: start, stop, test,
 * paged reads), {@code HrFileWatch} (changes as they happen, with checkpoints), and the tests,
 * which run the test kit's contract against a real file. The plugin author guide
 * ({@code docs/plugin-author-guide.md}) walks through the same code.
 */
package io.slxconnect.hrfile;
