package org.modelevolution.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history read by {@link RepositoryHistory} from a bare clone agrees with git itself: a
 * repository is built with the git command line (additions, modifications, a rename, a type
 * change, a deletion, nested folders, an LFS pointer) and compared with {@code git log --name-status}
 * and {@code git ls-tree}.
 */
class RepositoryHistoryTest {
  @TempDir
  Path temp;

  private String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("GIT_AUTHOR_NAME", "Berg, Zoë");
    builder.environment().put("GIT_AUTHOR_EMAIL", "zoe@example.org");
    builder.environment().put("GIT_COMMITTER_NAME", "Berg, Zoë");
    builder.environment().put("GIT_COMMITTER_EMAIL", "zoe@example.org");
    builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private void commit(Path dir, String date, String message) throws IOException, InterruptedException {
    git(dir, "add", "-A");
    git(dir, "-c", "user.useConfigOnly=false", "commit", "-q", "--date", date, "-m", message);
  }

  @Test
  void agreesWithGitLogAndLsTree() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git not installed");
    Path work = temp.resolve("work");
    Files.createDirectories(work);
    git(work, "init", "-q", "-b", "main");
    Files.writeString(work.resolve("README.md"), "hello\n");
    Files.writeString(work.resolve("model.safetensors"), "version https://git-lfs.github.com/spec/v1\n"
        + "oid sha256:68d45e234eb4a928074dfd868cead0219ab85354cc53d20e772753c6bb9169d3\nsize 17549312\n");
    commit(work, "2023-01-01T10:00:00Z", "initial commit");
    Files.createDirectories(work.resolve("unet/sub"));
    Files.writeString(work.resolve("unet/sub/weights.bin"), "weights ".repeat(100));
    Files.writeString(work.resolve("README.md"), "hello again\n");
    commit(work, "2023-01-02T10:00:00Z", "add unet\n\nwith a body");
    Files.move(work.resolve("unet/sub/weights.bin"), work.resolve("unet/weights.bin"));
    Files.delete(work.resolve("README.md"));
    Files.createSymbolicLink(work.resolve("model.safetensors.link"), Path.of("model.safetensors"));
    commit(work, "2023-01-03T10:00:00Z", "move, delete, link");
    Files.delete(work.resolve("model.safetensors.link"));
    Files.writeString(work.resolve("model.safetensors.link"), "now a file\n");
    commit(work, "2023-01-04T10:00:00Z", "type change");
    Path bare = temp.resolve("bare.git");
    git(temp, "clone", "-q", "--bare", work.toString(), bare.toString());

    Map<String, List<String>> expected = new LinkedHashMap<>();
    String log = git(bare, "log", "--name-status", "-M", "--format=@%H", "main");
    String current = null;
    for (String line : log.split("\n")) {
      if (line.startsWith("@")) {
        current = line.substring(1);
        expected.put(current, new ArrayList<>());
      } else if (!line.isBlank()) {
        String[] f = line.split("\t");
        String symbol = switch (f[0].charAt(0)) {
          case 'A' -> "+";
          case 'D' -> "-";
          case 'M' -> "*";
          case 'R' -> "=";
          case 'T' -> ">";
          case 'C' -> "<";
          default -> "?";
        };
        expected.get(current).add(symbol + " " + f[f.length - 1]);
      }
    }
    expected.values().forEach(list -> list.sort((a, b) -> a.substring(2).compareTo(b.substring(2))));

    try (Repository repository = new BareClones(temp.resolve("clones"), id -> bare.toUri().toString()).open("x/y");
        Stream<Commit> commits = RepositoryHistory.of(repository).commits()) {
      List<Commit> list = commits.toList();
      assertThat(list).extracting(Commit::hash).containsExactlyElementsOf(expected.keySet());
      for (Commit c : list) {
        assertThat(c.changedFiles()).extracting(ChangedFile::toString).as(c.message())
            .containsExactlyElementsOf(expected.get(c.hash()));
        List<String> lsTree = List.of(git(bare, "ls-tree", "-r", "-t", "--name-only", c.hash()).split("\n"));
        assertThat(new HashSet<>(c.filesInTree())).isEqualTo(new HashSet<>(lsTree));
        assertThat(c.author()).isEqualTo("Berg, Zoë");
      }
      Commit second = list.get(2);
      assertThat(second.message()).isEqualTo("add unet\n\nwith a body");
      assertThat(second.filesInTree()).containsExactly("README.md", "model.safetensors", "unet", "unet/sub",
          "unet/sub/weights.bin");
      assertThat(list.get(1).tree()).filteredOn(t -> t.path().equals("model.safetensors.link"))
          .extracting(TreeItem::kind).containsExactly(TreeItem.Kind.SYMLINK);
      TreeItem pointer = list.get(0).tree().stream().filter(t -> t.path().equals("model.safetensors")).findFirst().orElseThrow();
      RepositoryHistory.BlobInfo blob = RepositoryHistory.of(repository).blob(pointer.objectId());
      assertThat(blob.contentKey()).isEqualTo("sha256:68d45e234eb4a928074dfd868cead0219ab85354cc53d20e772753c6bb9169d3");
      assertThat(blob.contentSize()).isEqualTo(17549312);
    }
  }
}
