package org.modelevolution.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplacedFolderTest {
  private static final Set<String> OWN = Set.of("report.md", "tables");

  @TempDir
  Path tmp;

  private Path previous() throws IOException {
    Path out = tmp.resolve("results");
    Files.createDirectories(out.resolve("tables"));
    Files.writeString(out.resolve("report.md"), "old report\n");
    Files.writeString(out.resolve("tables/stale.csv"), "stale\n");
    Files.createDirectories(out.resolve("mined/clones"));
    Files.writeString(out.resolve("mined/clones/a.csv"), "mined\n");
    Files.writeString(out.resolve(".report.md.abc.tmp"), "debris of an old writer\n");
    return out;
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> list = Files.list(tmp)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aCommitReplacesTheOwnEntriesAsAWholeAndCarriesTheOthersOver() throws IOException {
    Path out = previous();
    try (ReplacedFolder folder = ReplacedFolder.begin(out, OWN)) {
      assertThat(folder.work().getParent()).isEqualTo(out.toAbsolutePath().getParent());
      Files.createDirectories(folder.work().resolve("tables"));
      AtomicFiles.writeString(folder.work().resolve("tables/new.csv"), "new\n");
      AtomicFiles.writeString(folder.work().resolve("report.md"), "new report\n");
      assertThat(Files.readString(out.resolve("report.md"))).as("untouched until the commit").isEqualTo("old report\n");
      folder.commit();
      assertThat(folder.published(folder.work().resolve("report.md"))).isEqualTo(out.toAbsolutePath().resolve("report.md"));
    }
    assertThat(tree(out)).containsExactly("", "mined", "mined/clones", "mined/clones/a.csv", "report.md", "tables",
        "tables/new.csv");
    assertThat(Files.readString(out.resolve("mined/clones/a.csv"))).isEqualTo("mined\n");
    assertThat(siblings()).containsExactly(".results.lock", "results");
  }

  @Test
  void aRunThatFailsLeavesThePreviousFolderAndNoWorkFolder() throws IOException {
    Path out = previous();
    List<String> before = tree(out);
    try (ReplacedFolder folder = ReplacedFolder.begin(out, OWN)) {
      AtomicFiles.writeString(folder.work().resolve("report.md"), "half a run\n");
      // no commit: the run failed
    }
    assertThat(tree(out)).isEqualTo(before);
    assertThat(Files.readString(out.resolve("report.md"))).isEqualTo("old report\n");
    assertThat(siblings()).containsExactly(".results.lock", "results");
  }

  @Test
  void aSecondRunIsRefusedWhileTheFirstHoldsTheFolder() throws IOException {
    Path out = previous();
    try (ReplacedFolder first = ReplacedFolder.begin(out, OWN)) {
      assertThatThrownBy(() -> ReplacedFolder.begin(out, OWN))
          .isInstanceOf(ReplacedFolder.FolderException.class)
          .hasMessageContaining("another run is writing").hasMessageContaining(out.toString());
    }
    ReplacedFolder.begin(out, OWN).close(); // free again once the first is done
  }

  @Test
  void whatAKilledRunLeftIsRemovedAndAFolderLeftAsideIsPutBack() throws IOException {
    Path out = previous();
    List<String> before = tree(out);
    // A run killed between the two renames of its commit: the folder aside, the new one not yet in.
    Path aside = tmp.resolve(".results.old-killed");
    Files.move(out, aside);
    Files.createDirectories(tmp.resolve(".results.new-killed/tables"));
    Files.createDirectories(tmp.resolve(".results.new-older"));
    try (ReplacedFolder folder = ReplacedFolder.begin(out, OWN)) {
      assertThat(folder.notes()).anyMatch(n -> n.startsWith("restored")).anyMatch(n -> n.contains(".results.new-killed"));
      assertThat(tree(out)).isEqualTo(before);
    }
    assertThat(siblings()).containsExactly(".results.lock", "results");
  }

  @Test
  void refusesAFileAFileAboveAndAFolderOfSomeoneElsesFiles() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "mine\n");
    assertThatThrownBy(() -> ReplacedFolder.begin(file, OWN)).hasMessageContaining("is an existing file");
    assertThatThrownBy(() -> ReplacedFolder.begin(file.resolve("results"), OWN))
        .hasMessageContaining(file + " is a file");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve("thesis.tex"), "x\n");
    assertThatThrownBy(() -> ReplacedFolder.begin(home, OWN)).hasMessageContaining("did not write");
    assertThat(Files.readString(home.resolve("thesis.tex"))).isEqualTo("x\n");
    assertThat(Files.readString(file)).isEqualTo("mine\n");
  }

  @Test
  void aNewOrEmptyFolderIsCreatedWithTheUmasksPermissions() throws IOException {
    Path out = tmp.resolve("deeper/results");
    try (ReplacedFolder folder = ReplacedFolder.begin(out, OWN)) {
      AtomicFiles.writeString(folder.work().resolve("report.md"), "first\n");
      folder.commit();
    }
    Path probe = Files.createFile(tmp.resolve("probe"));
    Path probeDir = Files.createDirectory(tmp.resolve("probe-dir"));
    assertThat(Files.getPosixFilePermissions(out.resolve("report.md"))).isEqualTo(Files.getPosixFilePermissions(probe));
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(probeDir));
  }
}
