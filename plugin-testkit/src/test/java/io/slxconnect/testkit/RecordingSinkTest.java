package io.slxconnect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.Checkpoint;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink commits as the hub does, into the context the next instance resumes from. */
class RecordingSinkTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    TestConnectorContext.await(vertx.close());
  }

  @Test
  void aCommittedCheckpointIsWhatTheNextInstanceResumesFrom() throws Exception {
    TestConnectorContext context = new TestConnectorContext(vertx, new JsonObject());
    RecordingSink sink = new RecordingSink(context);
    TestConnectorContext.await(sink.accept(List.of(ChangeRecord.deleted("a")),
        new Checkpoint("1")));
    TestConnectorContext.await(sink.accept(List.of(ChangeRecord.deleted("b")), null));

    assertEquals(new Checkpoint("1"), TestConnectorContext.await(context.lastCheckpoint())
        .orElseThrow(), "a batch without a checkpoint does not move it");
    context.close();
  }

  @Test
  void afterARefusedBatchEveryLaterBatchIsRefusedAndTheCheckpointStays() throws Exception {
    RecordingSink sink = new RecordingSink(vertx);
    TestConnectorContext.await(sink.accept(List.of(), new Checkpoint("1")));
    sink.failNext();
    assertThrows(IllegalStateException.class, () -> TestConnectorContext.await(
        sink.accept(List.of(ChangeRecord.deleted("a")), new Checkpoint("2"))));
    sink.refuseWhen(changes -> false);
    assertThrows(IllegalStateException.class, () -> TestConnectorContext.await(
        sink.accept(List.of(ChangeRecord.deleted("b")), new Checkpoint("3"))));

    assertEquals(new Checkpoint("1"), sink.committedCheckpoint().orElseThrow());
    assertEquals(2, sink.refusedBatches());
    assertTrue(sink.committedRecords().isEmpty());
    assertEquals(2, sink.records().size(), "refused batches are recorded too");
    assertFalse(sink.batches().get(1).committed());
  }
}
