package org.modelevolution.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelevolution.testing.Shared;

/**
 * Every way of getting the command line wrong, run as a user runs it: a forked JVM per row
 * ({@code java -cp … Main}), with its own environment. Each row states the command, the exit code,
 * a fragment the message must hold (the file, option or variable it names), and whether the row
 * works on a previous output folder ({@code {out}}), which must then be byte-identical afterwards,
 * with no debris beside it. No row may print a stack trace (unless it asks for {@code --verbose}) or
 * take more than 10 s.
 *
 * <p>To add a case, add a {@link Row} to {@link #rows()}. Placeholders in arguments and environment
 * values: {@code {out}} a previous output folder (an earlier reproduce's entries plus a foreign
 * {@code mined/}), {@code {tmp}} a fresh empty folder, {@code {file}} an existing regular file,
 * {@code {foreign}} a folder of someone else's files, {@code {missing}} a path that does not
 * exist, {@code {closed}} a local port nobody listens on, {@code {study}} the study's data folder.
 *
 * <p>The kill tests below run real reproductions into an existing folder and kill them with
 * SIGKILL at several points.
 */
class CliFailuresTest {
  private static final Duration ROW_LIMIT = Duration.ofSeconds(10);

  /** One case: what is run, and what must come of it. */
  record Row(String name, List<String> args, Map<String, String> env, int exit, String says, boolean trace,
      boolean nonRootOnly) {
    static Row of(String name, String... args) {
      return new Row(name, List.of(args), Map.of(), 0, "", false, false);
    }

    Row env(String variable, String value) {
      Map<String, String> more = new LinkedHashMap<>(env);
      more.put(variable, value);
      return new Row(name, args, more, exit, says, trace, nonRootOnly);
    }

    /** Expects exit code {@code code} and {@code fragment} in the output (stdout and stderr). */
    Row fails(int code, String fragment) {
      return new Row(name, args, env, code, fragment, trace, nonRootOnly);
    }

    Row withStackTrace() {
      return new Row(name, args, env, exit, says, true, nonRootOnly);
    }

    /** File permissions do not stop root: the row only runs as another user. */
    Row nonRoot() {
      return new Row(name, args, env, exit, says, trace, true);
    }

    boolean touchesOut() {
      return args.stream().anyMatch(a -> a.contains("{out}")) || env.values().stream().anyMatch(v -> v.contains("{out}"));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Row> rows() {
    return List.of(
        // The output folder (issue 18, item 2): refused before anything is read, the previous folder kept.
        Row.of("reproduce --out an existing file", "reproduce", "--data", "{study}", "--out", "{file}")
            .fails(1, "is an existing file"),
        Row.of("reproduce --out a folder of someone else's files", "reproduce", "--data", "{study}", "--out", "{foreign}")
            .fails(1, "did not write"),
        Row.of("reproduce --out a read-only folder", "reproduce", "--data", "{study}", "--out", "{out}")
            .fails(1, "is not writable").nonRoot(),
        Row.of("reproduce --out below a file", "reproduce", "--data", "{study}", "--out", "{file}/results")
            .fails(1, "{file}"),
        Row.of("reproduce --out the file system's root", "reproduce", "--data", "{study}", "--out", "/")
            .fails(1, "root"),
        // Usage errors (exit 2), also under --dry-run.
        Row.of("--page-size -1", "mine-hub", "select", "--dry-run", "--page-size", "-1", "--out", "{tmp}/m")
            .fails(2, "--page-size"),
        Row.of("--per-group -5", "mine-hub", "select", "--dry-run", "--per-group", "-5", "--out", "{tmp}/m")
            .fails(2, "--per-group"),
        Row.of("--size-limit -1", "mine-hub", "all", "--dry-run", "--size-limit", "-1", "--out", "{tmp}/m")
            .fails(2, "--size-limit"),
        Row.of("--max-pages -3", "mine-hub", "select", "--dry-run", "--max-pages", "-3", "--out", "{tmp}/m")
            .fails(2, "--max-pages"),
        Row.of("--page-size not a number", "mine-hub", "select", "--dry-run", "--page-size", "many")
            .fails(2, "--page-size"),
        Row.of("mine-hub --since after --until", "mine-hub", "select", "--dry-run", "--since", "2025-02-01",
            "--until", "2024-01-01").fails(2, "--since"),
        Row.of("mine-github --since after --until", "mine-github", "--dry-run", "--since", "2025-02-01",
            "--until", "2024-01-01").fails(2, "--since"),
        Row.of("mine-stackoverflow --since after --until", "mine-stackoverflow", "--dry-run", "--since", "2025-02-01",
            "--until", "2024-01-01").fails(2, "--since"),
        Row.of("merge --shards 0", "mine-hub", "merge", "--shards", "0", "--out", "{tmp}/m").fails(2, "--shards"),
        Row.of("bench-detect --paths -5", "bench-detect", "--paths", "-5").fails(2, "--paths"),
        Row.of("bench-detect without its corpus", "bench-detect", "--corpus", "{missing}", "--paths", "1")
            .fails(1, "--corpus"),
        Row.of("an unknown option", "reproduce", "--outt", "{tmp}").fails(2, "--outt"),
        Row.of("detect without inputs", "detect").fails(2, "PATH|URL"),
        // Endpoint variables are named.
        Row.of("HF_ENDPOINT not a URL", "mine-hub", "select", "--dry-run").env("HF_ENDPOINT", "not-a-url")
            .fails(1, "HF_ENDPOINT"),
        Row.of("HF_ENDPOINT ftp", "detect", "https://huggingface.co/a/b/resolve/main/x.bin")
            .env("HF_ENDPOINT", "ftp://example.org").fails(1, "HF_ENDPOINT"),
        Row.of("GITHUB_API_URL ftp", "mine-github", "--dry-run").env("GITHUB_API_URL", "ftp://example.org")
            .fails(1, "GITHUB_API_URL"),
        Row.of("STACKEXCHANGE_API_URL not a URL", "mine-stackoverflow", "--dry-run")
            .env("STACKEXCHANGE_API_URL", "nope").fails(1, "STACKEXCHANGE_API_URL"),
        Row.of("--verbose shows the stack trace", "mine-hub", "select", "--dry-run", "--verbose")
            .env("HF_ENDPOINT", "not-a-url").fails(1, "HF_ENDPOINT").withStackTrace(),
        // A closed port: reported within seconds, naming the variable (no minutes of silent retries).
        Row.of("mine-hub select against a closed port", "mine-hub", "select", "--out", "{tmp}/m")
            .env("HF_ENDPOINT", "http://127.0.0.1:{closed}").fails(1, "HF_ENDPOINT"),
        Row.of("detect against a closed port", "detect", "http://127.0.0.1:{closed}/a/b/resolve/main/x.bin")
            .env("HF_ENDPOINT", "http://127.0.0.1:{closed}").fails(1, "connection refused"),
        // detect's text output: the reason of every input not read.
        Row.of("detect a missing file", "detect", "{missing}").fails(1, "not read: no such file"),
        Row.of("detect a folder input that is a file's child", "detect", "{file}/x.bin").fails(1, "not read:"),
        Row.of("detect a FIFO", "detect", "{fifo}").fails(1, "not read: not a regular file"),
        Row.of("detect a name with a newline and a tab", "detect", "{tmp}/a\nb\tc.bin").fails(1, "a\\nb\\tc.bin"),
        Row.of("detect an unreadable file", "detect", "{unreadable}").fails(1, "permission denied").nonRoot(),
        // --help works on every command.
        Row.of("environment --help", "environment", "--help").fails(0, "Usage:"),
        Row.of("bench-detect --help", "bench-detect", "--help").fails(0, "Usage:"),
        Row.of("detect --help", "detect", "--help").fails(0, "Usage:"),
        Row.of("reproduce --help", "reproduce", "--help").fails(0, "replaced as a whole"),
        Row.of("mine-hub --help", "mine-hub", "--help").fails(0, "Usage:"),
        Row.of("mine-hub select --help states the --out default", "mine-hub", "select", "--help")
            .fails(0, "results/mined"));
  }

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachRowFailsAsStated(Row row) throws Exception {
    if (row.nonRootOnly()) {
      assumeFalse(isRoot(), "runs as root, which file permissions do not stop");
    }
    Places places = Places.in(tmp);
    Map<String, String> before = snapshot(places.out);
    if (row.name().contains("read-only")) {
      Files.setPosixFilePermissions(places.out, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    List<String> args = row.args().stream().map(places::fill).toList();
    Map<String, String> env = new LinkedHashMap<>();
    row.env().forEach((k, v) -> env.put(k, places.fill(v)));

    long start = System.nanoTime();
    Run run = Run.of(args, env, ROW_LIMIT.plusSeconds(20));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(run.exit()).as(run.describe()).isEqualTo(row.exit());
    assertThat(run.out() + run.err()).as(run.describe()).contains(places.fill(row.says()));
    if (row.trace()) {
      assertThat(run.err()).as(run.describe()).contains("\tat ");
    } else {
      assertThat(run.err()).as("no stack trace without --verbose: " + run.describe()).doesNotContain("\tat ");
    }
    assertThat(took).as("no row may take over %s: %s", ROW_LIMIT, run.describe()).isLessThan(ROW_LIMIT);
    Files.setPosixFilePermissions(places.out, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(snapshot(places.out)).as("the previous output folder is unchanged").isEqualTo(before);
    assertThat(debris(places.out)).as("no work or aside folders are left").isEmpty();
  }

  /** Where the placeholders of the rows point, made afresh for each row. */
  record Places(Path tmp, Path out, Path file, Path foreign, Path missing, Path unreadable, int closed, Path fresh,
      Path fifo) {
    static Places in(Path tmp) throws IOException {
      Path out = tmp.resolve("previous/results");
      Files.createDirectories(out.resolve("rq1"));
      Files.writeString(out.resolve(org.modelevolution.reproduction.Reproduction.REPORT), "an earlier report\n");
      Files.writeString(out.resolve("rq1/rq1_dataset_stats_both.csv"), "an,earlier,table\n");
      Files.createDirectories(out.resolve("mined"));
      Files.writeString(out.resolve("mined/selected_legacy_repos.json"), "[]\n");
      Path file = Files.writeString(tmp.resolve("plain.txt"), "a file, not a folder\n");
      Path foreign = Files.createDirectories(tmp.resolve("someone-else"));
      Files.writeString(foreign.resolve("thesis.tex"), "\\documentclass{article}\n");
      Path unreadable = Files.writeString(tmp.resolve("locked.bin"), "x".repeat(64));
      Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
      Path fresh = Files.createDirectories(tmp.resolve("fresh"));
      Path fifo = tmp.resolve("fifo.bin");
      try {
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
      } catch (IOException | InterruptedException e) {
        // no mkfifo here: the FIFO row is skipped
      }
      return new Places(tmp, out, file, foreign, tmp.resolve("missing.bin"), unreadable, closedPort(), fresh, fifo);
    }

    String fill(String text) {
      return text.replace("{out}", out.toString()).replace("{tmp}", fresh.toString()).replace("{file}", file.toString())
          .replace("{foreign}", foreign.toString()).replace("{missing}", missing.toString())
          .replace("{unreadable}", unreadable.toString()).replace("{closed}", Integer.toString(closed))
          .replace("{fifo}", text.contains("{fifo}") ? assumeFifo(fifo) : "")
          .replace("{study}", text.contains("{study}") ? Shared.study().toString() : "");
    }
  }

  // ---- kill -9 and concurrent runs of a real reproduction into an existing folder ----

  /** Stages of a run, seen from outside: the work folder beside the output folder and what it holds. */
  private static final List<Map.Entry<String, Predicate<Path>>> KILL_POINTS = List.of(
      Map.entry("while loading (work folder just created)", work -> true),
      Map.entry("after the first tables", work -> countFiles(work) >= 5),
      Map.entry("midway through the figures", work -> countFiles(work) >= 40),
      Map.entry("while writing the reports", work -> Files.exists(work.resolve("reproduction.csv"))));

  @Test
  void aRunKilledAtAnyPointLeavesThePreviousFolderAsItWasAndTheRerunLeavesNoDebris() throws Exception {
    Path study = Shared.study();
    Path out = tmp.resolve("k/results");
    Run first = Run.of(List.of("reproduce", "--data", study.toString(), "--out", out.toString()), Map.of(),
        Duration.ofMinutes(5));
    assertThat(first.exit()).as(first.describe()).isZero();
    Map<String, String> fresh = snapshot(out);
    // Make the previous folder tell apart from a new run's: a changed report, a stale table, a foreign folder.
    Files.writeString(out.resolve("REPRODUCTION.md"), "the previous run's report\n");
    Files.writeString(out.resolve("rq1/stale_from_an_older_run.csv"), "stale\n");
    Files.createDirectories(out.resolve("mined"));
    Files.writeString(out.resolve("mined/selected_legacy_repos.json"), "[]\n");
    Map<String, String> previous = snapshot(out);

    List<String> killedAt = new ArrayList<>();
    for (Map.Entry<String, Predicate<Path>> point : KILL_POINTS) {
      Process p = Run.start(List.of("reproduce", "--data", study.toString(), "--out", out.toString()), Map.of());
      CompletableFuture<byte[]> drained = drain(p);
      Path work = awaitWork(out, p, point.getValue());
      if (work != null && p.isAlive()) {
        p.destroyForcibly(); // SIGKILL on Linux and macOS
        killedAt.add(point.getKey());
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      drained.join();
      if (p.exitValue() == 0) {
        // The run finished before the kill point was reached (a fast machine): a whole new folder.
        assertThat(snapshot(out)).as("a finished run replaced the folder as a whole").isEqualTo(withMined(fresh));
        break;
      }
      assertThat(snapshot(out)).as("after a kill %s the previous folder is byte-identical", point.getKey())
          .isEqualTo(previous);
    }
    System.out.println("reproduce killed (SIGKILL) " + killedAt);
    assertThat(killedAt).as("the runs were killed mid-way").hasSizeGreaterThanOrEqualTo(2);

    Run rerun = Run.of(List.of("reproduce", "--data", study.toString(), "--out", out.toString()), Map.of(),
        Duration.ofMinutes(5));
    assertThat(rerun.exit()).as(rerun.describe()).isZero();
    if (killedAt.size() == KILL_POINTS.size()) {
      assertThat(rerun.err()).as("the rerun says what it cleaned").contains("left by a run that was killed");
    }
    assertThat(snapshot(out)).as("the rerun replaces the folder as a whole and keeps the foreign mined/")
        .isEqualTo(withMined(fresh));
    assertThat(debris(out)).isEmpty();
    // Outputs get the umask's permissions, as any file this process creates (not 0600).
    Path probe = Files.createFile(tmp.resolve("probe"));
    assertThat(Files.getPosixFilePermissions(out.resolve("REPRODUCTION.md")))
        .isEqualTo(Files.getPosixFilePermissions(probe));
    assertThat(Files.getPosixFilePermissions(out.resolve("rq1/rq1_dataset_stats_both.csv")))
        .isEqualTo(Files.getPosixFilePermissions(probe));
  }

  @Test
  void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstGoesOn() throws Exception {
    Path study = Shared.study();
    Path out = tmp.resolve("c/results");
    Process first = Run.start(List.of("reproduce", "--data", study.toString(), "--out", out.toString()), Map.of());
    CompletableFuture<byte[]> firstOutput = drain(first);
    assertThat(awaitWork(out, first, work -> true)).as("the first run started writing").isNotNull();
    Run second = Run.of(List.of("reproduce", "--data", study.toString(), "--out", out.toString()), Map.of(),
        Duration.ofMinutes(1));
    assertThat(second.exit()).as(second.describe()).isEqualTo(1);
    assertThat(second.err()).contains("another run is writing").contains(out.toString());
    assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).as(new String(firstOutput.join(), StandardCharsets.UTF_8)).isZero();
    assertThat(out.resolve("SHA256SUMS")).isRegularFile();
    assertThat(debris(out)).isEmpty();
  }

  // ---- helpers ----

  private static Map<String, String> withMined(Map<String, String> fresh) {
    Map<String, String> expected = new TreeMap<>(fresh);
    expected.put("mined/", "folder");
    expected.put("mined/selected_legacy_repos.json", sha256("[]\n".getBytes(StandardCharsets.UTF_8)));
    return expected;
  }

  /** Waits until the run's work folder exists and satisfies {@code ready}; null when the run ended first. */
  private static Path awaitWork(Path out, Process p, Predicate<Path> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> siblings = Files.list(out.getParent())) {
        for (Path s : siblings.toList()) {
          if (s.getFileName().toString().startsWith("." + out.getFileName() + ".new-") && ready.test(s)) {
            return s;
          }
        }
      } catch (IOException | java.io.UncheckedIOException vanished) {
        // the work folder was renamed while listed: look again
      }
      if (!p.isAlive()) {
        return null;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the run never reached the kill point");
  }

  private static long countFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  /** Work ({@code .NAME.new-*}) and aside ({@code .NAME.old-*}) folders beside {@code out}, and stray .tmp files. */
  static List<String> debris(Path out) throws IOException {
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(out.getParent())) {
      try (Stream<Path> siblings = Files.list(out.getParent())) {
        siblings.map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("." + out.getFileName() + ".new-") || n.startsWith("." + out.getFileName() + ".old-"))
            .forEach(found::add);
      }
    }
    if (Files.isDirectory(out)) {
      try (Stream<Path> walk = Files.walk(out)) {
        walk.map(p -> out.relativize(p).toString()).filter(n -> n.endsWith(".tmp")).forEach(found::add);
      }
    }
    return found;
  }

  /** Every file and folder below {@code dir}: relative path to SHA-256 ({@code folder} for folders). */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p)) {
          files.put(name + "/", "folder");
        } else {
          files.put(name, sha256(Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String assumeFifo(Path fifo) {
    assumeTrue(Files.exists(fifo), "mkfifo is not available");
    return fifo.toString();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static CompletableFuture<byte[]> drain(Process p) {
    return CompletableFuture.supplyAsync(() -> {
      try (InputStream in = p.getInputStream()) {
        return in.readAllBytes();
      } catch (IOException e) {
        return new byte[0];
      }
    });
  }

  /** A command run in a forked JVM from the checkout's root, as {@code java -jar} runs it. */
  record Run(List<String> args, int exit, String out, String err) {
    static Process start(List<String> args, Map<String, String> env) throws IOException {
      return builder(args, env).redirectErrorStream(true).start();
    }

    static Run of(List<String> args, Map<String, String> env, Duration limit) throws Exception {
      Process p = builder(args, env).start();
      CompletableFuture<byte[]> out = drain(p);
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
        try (InputStream in = p.getErrorStream()) {
          return in.readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(args + " still running after " + limit);
      }
      return new Run(args, p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    }

    private static ProcessBuilder builder(List<String> args, Map<String, String> env) {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).directory(Shared.layout().root().toFile());
      // The run sees only the row's endpoints and no credentials.
      for (String variable : List.of("HF_ENDPOINT", "HF_TOKEN", "GITHUB_API_URL", "GITHUB_TOKEN",
          "STACKEXCHANGE_API_URL", "STACKEXCHANGE_KEY", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT")) {
        builder.environment().remove(variable);
      }
      builder.environment().putAll(env);
      return builder;
    }

    String describe() {
      return String.join(" ", args) + " -> exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
  }
}
