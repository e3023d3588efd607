package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.SwitchboardTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs tagging one contact at the same moment, as add_tag does: in a transaction each. */
@Tag("db")
class TagsConcurrencyTest extends SwitchboardTestBase {

  private static final int THREADS = 8;
  private static final int ROUNDS = 15;

  @Autowired Tags tags;
  @Autowired TransactionTemplate tx;

  @Test
  void parallel_taggings_of_one_contact_all_succeed_and_store_one_tag_once() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String contact =
            owner
                .post(
                    "/api/workspaces/" + ws + "/contacts",
                    Map.of("email", "race" + System.nanoTime() + "@tags.io"))
                .expect(201)
                .data()
                .get("id")
                .asString();
        String tag = "hot-" + round + "-" + System.nanoTime();
        UUID workspace = UUID.fromString(ws);
        UUID contactId = UUID.fromString(contact);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Integer>> added = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          added.add(
              pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return tx.execute(
                    s -> tags.attach(contactId, tags.ensure(workspace, List.of(tag)).values()));
              }));
        }
        int total = 0;
        for (Future<Integer> f : added) {
          total += f.get(30, TimeUnit.SECONDS);
        }

        assertThat(total).as("contacts newly tagged in round " + round).isEqualTo(1);
        assertThat(
                jdbc.queryForObject(
                    "select count(*) from tags where workspace_id = ? and name_lower = ?",
                    Long.class,
                    workspace,
                    tag))
            .isEqualTo(1);
        assertThat(
                jdbc.queryForObject(
                    "select count(*) from contact_tags where contact_id = ?",
                    Long.class,
                    contactId))
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
