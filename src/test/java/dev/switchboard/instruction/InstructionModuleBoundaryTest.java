package dev.switchboard.instruction;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The parser's public face is its top-level package; its internals stay inside. */
class InstructionModuleBoundaryTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.switchboard");

  @Test
  void nothing_outside_the_instruction_module_uses_its_internals() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.switchboard.instruction..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.switchboard.instruction.internal..")
        .check(classes);
  }

  @Test
  void the_instruction_module_does_not_depend_on_the_web_layer() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.instruction..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.web..", "org.springframework.web..")
        .allowEmptyShould(true)
        .check(classes);
  }
}
