package dev.switchboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Switchboard: trigger, run and watch agents. */
@SpringBootApplication
public class SwitchboardApplication {

  public static void main(String[] args) {
    SpringApplication.run(SwitchboardApplication.class, args);
  }
}
