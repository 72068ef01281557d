package org.modelevolution.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.modelevolution.formats.Detection;
import org.modelevolution.formats.DetectionJson;
import org.modelevolution.formats.Detector;
import org.modelevolution.formats.ModelFiles;
import org.modelevolution.formats.PicklePolicy;
import org.modelevolution.formats.PickleVerdict;
import org.modelevolution.formats.SarifReport;
import org.modelevolution.formats.RemoteDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code detect [--json] PATH|URL...}: the serialization format of each input, from its bytes.
 *
 * <p>Exit codes: 0 every input was read and classified ({@code unknown} is a classification);
 * 1 some input could not be read (missing file, HTTP failure) and is reported as {@code unknown}
 * with the reason as evidence; 2 usage error; 3 some file's pickle verdict is {@code dangerous}
 * (wins over 1, so a scan gate fails whatever else happened).
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Detect the serialization format of model files from their content.",
      "Inputs are local files, folders (their model files by name, see --scope; symbolic links reported, never followed)",
      "or Hub URLs (https://.../{repo}/resolve/{revision}/{path}); '-' reads inputs from stdin, one per line.",
      "Pickles are judged by a versioned allow/deny list: safe, suspicious or dangerous, with complete/incomplete apart",
      "(an incomplete scan is never safe).",
      "Exit codes: 0 all inputs read, 1 some input unreadable, 2 usage error, 3 some file dangerous."
    })
final class DetectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "One JSON object per input line: path, format, studyLabel, bytesRead, size, pickleGlobals, pickleVerdict, evidence, and for pickles a 'pickle' object (verdict, rule, completeness, policyVersion, imports and gaps with offsets).")
  boolean json;

  @Option(names = "--sarif", description = "Print one SARIF 2.1.0 log for all inputs instead (one result per dangerous or suspicious import, one per incomplete scan; rule ids PKL001-PKL003).")
  boolean sarif;

  @Option(names = "--strict", description = "Judge every pickle import not on the allow list as dangerous.")
  boolean strict;

  @Option(names = "--scope", defaultValue = "STUDY",
      description = "For folder inputs, which model-file names to examine: STUDY (the study's extensions) or EXTENDED. Default ${DEFAULT-VALUE}.")
  ModelFiles.Scope scope;

  @Parameters(arity = "1..*", paramLabel = "PATH|URL", description = "Files, folders (their model files, links not followed) or Hub resolve URLs; '-' for stdin.")
  List<String> inputs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (json && sarif) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--json and --sarif are exclusive");
    }
    Detector detector = Detector.withDefaults().withPolicy(PicklePolicy.of(strict));
    List<String> expanded = expand(inputs);
    // A misconfigured HF_ENDPOINT fails before any output, not halfway through the inputs.
    RemoteDetector remote = expanded.stream().anyMatch(RemoteDetector::isUrl)
        ? RemoteDetector.fromEnvironment(detector) : null;
    int unreadable = 0;
    int dangerous = 0;
    List<Detection> all = new ArrayList<>();
    for (String input : expanded) {
      List<Detection> detections;
      if (RemoteDetector.isUrl(input)) {
        detections = List.of(remote.detect(input));
      } else if (!isPath(input)) {
        detections = List.of(Detection.unreadable(input, 0, "not a valid file name"));
      } else if (Files.isDirectory(Path.of(input), LinkOption.NOFOLLOW_LINKS)) {
        detections = detector.detectTree(Path.of(input), scope);
      } else {
        detections = List.of(detector.detect(Path.of(input), input));
      }
      for (Detection d : detections) {
        unreadable += d.unreadable() ? 1 : 0;
        dangerous += d.pickle().verdict() == PickleVerdict.DANGEROUS ? 1 : 0;
        if (sarif) {
          all.add(d);
        } else {
          out.println(json ? DetectionJson.line(d) : text(d));
        }
      }
      out.flush();
    }
    if (sarif) {
      String version = DetectCommand.class.getPackage().getImplementationVersion();
      out.print(SarifReport.of(all, version == null ? "dev" : version));
      out.flush();
    }
    return dangerous > 0 ? 3 : unreadable == 0 ? 0 : 1;
  }

  private static boolean isPath(String input) {
    try {
      Path.of(input);
      return true;
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /**
   * One tab-separated line: path, format, study label, bytes read, then the pickle verdict and
   * imports, or for an input that could not be read the reason. Every field is {@link #escaped}, so
   * that a file name (or a pickle's import name) cannot forge lines or columns.
   */
  static String text(Detection d) {
    StringBuilder line = new StringBuilder()
        .append(escaped(d.path())).append('\t').append(d.format().id()).append('\t').append(escaped(d.studyLabel()))
        .append('\t').append(d.bytesRead()).append(" bytes read");
    if (d.unreadable()) {
      String why = d.evidence().isEmpty() ? "reason unknown" : d.evidence().get(0).seen();
      line.append('\t').append("not read: ").append(escaped(why));
    } else if (d.pickle().applicable()) {
      line.append('\t').append(d.pickle().verdict().id()).append(d.pickle().complete() ? "" : " (incomplete)")
          .append('\t').append(escaped(String.join(";", d.pickle().globals())));
    }
    return line.toString();
  }

  /** Backslash, tab, newline, carriage return and other control characters as escapes ({@code \\n}, {@code \\x1b}). */
  static String escaped(String field) {
    StringBuilder out = new StringBuilder(field.length());
    field.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
            out.append(c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }

  private static List<String> expand(List<String> inputs) throws Exception {
    List<String> all = new ArrayList<>();
    for (String input : inputs) {
      if (!input.equals("-")) {
        all.add(input);
        continue;
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank()) {
          all.add(line.strip());
        }
      }
    }
    return all;
  }
}
