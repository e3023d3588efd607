package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agent.Agents;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A manual trigger is one transaction: the agent, its manual filters and the admission share it
 * (each read on its own was a commit of its own).
 */
@Tag("db")
class TriggerTransactionTest extends SwitchboardTestBase {

  /** What the request threads called of the agent reads and the admission, and in which tx. */
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  private static final Set<String> NOTED = Set.of("require", "manualFilters", "admit");

  @TestConfiguration
  static class Noting {
    /**
     * Puts an interceptor outside the transaction advice of {@link Agents} and {@link Admission}:
     * it notes which connection's transaction a call on a request thread runs in (" none" outside
     * any). The engine's own threads look agents up meanwhile and are not noted.
     */
    @Bean
    static BeanPostProcessor notingCalls(ObjectProvider<DataSource> dataSource) {
      MethodInterceptor noting =
          call -> {
            if (NOTED.contains(call.getMethod().getName())
                && Thread.currentThread().getName().startsWith("http-")) {
              Object holder = TransactionSynchronizationManager.getResource(dataSource.getObject());
              boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
              SEEN.add(
                  call.getMethod().getName()
                      + " "
                      + (inTransaction && holder != null
                          ? System.identityHashCode(holder)
                          : "none"));
            }
            return call.proceed();
          };
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if ((bean instanceof Agents || bean instanceof Admission) && bean instanceof Advised a) {
            a.addAdvice(0, noting);
          }
          return bean;
        }
      };
    }
  }

  @Test
  void a_manual_trigger_reads_its_agent_and_filters_in_the_admission_transaction() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    SEEN.clear();

    Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "completed");

    assertThat(SEEN.stream().map(s -> s.substring(0, s.indexOf(' '))))
        .containsExactly("require", "manualFilters", "admit");
    assertThat(SEEN.getFirst()).as("the agent is read in a transaction").doesNotEndWith(" none");
    assertThat(SEEN.stream().map(s -> s.substring(s.indexOf(' ') + 1)).distinct())
        .as("one transaction for the agent, its filters and the admission: %s", SEEN)
        .hasSize(1);
  }
}
