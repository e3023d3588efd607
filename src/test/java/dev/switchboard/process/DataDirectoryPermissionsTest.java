package dev.switchboard.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class DataDirectoryPermissionsTest {

  @TempDir Path dir;

  @Test
  void a_loose_data_directory_and_key_are_restricted_to_the_servers_user() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path key = Files.writeString(data.resolve("secret.key"), "k");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    new DataDirectoryPermissions(data.toString()).start();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void tight_permissions_are_left_as_they_are() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));

    assertThat(DataDirectoryPermissions.restrict(data, DataDirectoryPermissions.DIRECTORY))
        .isTrue();
    assertThat(
            DataDirectoryPermissions.restrict(
                data.resolve("secret.key"), DataDirectoryPermissions.KEY))
        .isTrue();
  }
}
