package dev.switchboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module boundaries of STYLE.md, as failing tests. */
class ModularityTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.switchboard");

  @Test
  void nothing_depends_on_the_pages() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.switchboard.web..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.switchboard.web..")
        .check(CLASSES);
  }

  @Test
  void nothing_depends_on_the_operator_surface() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.switchboard.ops..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.switchboard.ops..")
        .check(CLASSES);
  }

  @Test
  void the_engine_knows_no_runner_crm_or_parser() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.run..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.workflow..",
            "dev.switchboard.process..",
            "dev.switchboard.crm..",
            "dev.switchboard.instruction..",
            "dev.switchboard.live..")
        .check(CLASSES);
  }

  @Test
  void tenancy_and_agents_do_not_depend_on_the_engine() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.switchboard.workspace..", "dev.switchboard.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.run..", "dev.switchboard.live..", "dev.switchboard.crm..")
        .check(CLASSES);
  }

  @Test
  void the_command_runner_and_the_interpreter_are_independent() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.process..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.switchboard.workflow..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.workflow..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.process..", "dev.switchboard.crm..")
        .check(CLASSES);
  }

  @Test
  void the_plan_model_stands_alone_and_the_parser_only_needs_it() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.plan..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.switchboard.plan..", "java..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.instruction..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.agent..",
            "dev.switchboard.run..",
            "dev.switchboard.workflow..",
            "dev.switchboard.crm..",
            "dev.switchboard.integration..")
        .check(CLASSES);
  }

  @Test
  void work_orders_sit_on_the_engine_and_chat_sits_on_work_orders() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.switchboard.run..",
            "dev.switchboard.agent..",
            "dev.switchboard.workspace..",
            "dev.switchboard.process..",
            "dev.switchboard.workflow..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.workorder..", "dev.switchboard.chat..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.workorder..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.chat..", "dev.switchboard.live..", "dev.switchboard.process..")
        .check(CLASSES);
  }

  @Test
  void triggers_start_runs_only_through_admission_and_nothing_knows_them() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.switchboard.trigger..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.switchboard.trigger..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.trigger..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.switchboard.run.ExecutionStore")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.switchboard.run.RunWorkers")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.web..", "dev.switchboard.process..")
        .check(CLASSES);
  }

  @Test
  void the_crm_and_integration_cores_know_no_engine_their_actions_do() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.switchboard.crm", "dev.switchboard.integration")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.workflow..", "dev.switchboard.run..")
        .check(CLASSES);
  }

  @Test
  void triggers_reach_the_engine_through_admission_its_reads_and_its_events_only() {
    java.util.Set<String> allowed =
        java.util.Set.of(
            "Admission",
            "AdmissionResult",
            "TriggerSource",
            "TriggerContext",
            "TriggerType",
            "Execution",
            "ExecutionStatus",
            "Executions",
            "ExecutionsPurged",
            "RunEvent");
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.trigger..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "are engine classes other than " + allowed,
                target ->
                    target.getPackageName().equals("dev.switchboard.run")
                        && !allowed.contains(
                            target
                                .getName()
                                .substring("dev.switchboard.run.".length())
                                .split("\\$")[0])))
        .check(CLASSES);
  }

  @Test
  void top_level_modules_have_no_cycles() {
    com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
        .matching("dev.switchboard.(*)..")
        .should()
        .beFreeOfCycles()
        .check(CLASSES);
  }

  @Test
  void internals_stay_inside_their_module() {
    java.util.List<String> violations = new java.util.ArrayList<>();
    for (var origin : CLASSES) {
      for (var dependency : origin.getDirectDependenciesFromSelf()) {
        String target = dependency.getTargetClass().getPackageName();
        int internal = target.indexOf(".internal");
        if (target.startsWith("dev.switchboard.")
            && internal > 0
            && !origin.getPackageName().startsWith(target.substring(0, internal))) {
          violations.add(origin.getName() + " -> " + dependency.getTargetClass().getName());
        }
      }
    }
    org.assertj.core.api.Assertions.assertThat(violations).isEmpty();
  }
}
