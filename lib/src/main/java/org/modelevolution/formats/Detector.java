package org.modelevolution.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the serialization format of a file from its bytes (the name is never consulted).
 *
 * <p>Rules run in the order of formats.md, which avoids the known collisions: empty and too-short
 * files; HDF5 (its signature may sit after a user block holding another magic); the fixed magics
 * (GGUF/GGML, npy, TFLite, LFS pointer); zip containers by central directory; safetensors by its
 * length-prefixed JSON header; joblib compressions; pickles (legacy torch, joblib, plain); the
 * protobuf families; msgpack; the TF table footer; otherwise {@code unknown}.
 *
 * <p>Every read goes through a bounded window; no exception escapes: a source that fails to read
 * yields {@code unknown} with the failure as evidence. Symbolic links are reported as such and not
 * followed.
 */
public final class Detector {
  private static final List<FormatRule> RULES =
      List.of(
          new Hdf5Rule(),
          new GgufRule(),
          new NpyRule(),
          new TfliteRule(),
          new LfsPointerRule(),
          new SevenZipRule(),
          new ZipRule(),
          new SafetensorsRule(),
          new CompressedRule(),
          new TarRule(),
          new PickleRule(),
          new ProtobufRule(),
          new MsgpackRule(),
          new TfCheckpointIndexRule());

  /** Prefix of the evidence recorded when a rule fails with an unexpected exception. */
  public static final String INTERNAL_ERROR = "internal error in ";

  private final DetectorOptions options;
  private final PicklePolicy policy;

  public Detector(DetectorOptions options) {
    this(options, PicklePolicy.standard());
  }

  public Detector(DetectorOptions options, PicklePolicy policy) {
    this.options = options;
    this.policy = policy;
  }

  /** The same detector judging pickle imports by {@code policy} (e.g. {@link PicklePolicy#strict()}). */
  public Detector withPolicy(PicklePolicy policy) {
    return new Detector(options, policy);
  }

  public PicklePolicy policy() {
    return policy;
  }

  public static Detector withDefaults() {
    return new Detector(DetectorOptions.defaults());
  }

  public DetectorOptions options() {
    return options;
  }

  /**
   * Detects the model files of a folder tree, in sorted path order, reported by their path relative
   * to {@code root} ({@code /}-separated). Only names on the {@link ModelFiles} list of {@code scope}
   * are examined. Symbolic links are never followed: a link with a model-file name is reported as
   * {@link FormatId#SYMBOLIC_LINK}, a linked folder is not entered.
   */
  public List<Detection> detectTree(Path root, ModelFiles.Scope scope) throws IOException {
    // A folder or file that cannot be listed, or vanishes during the walk, is reported in its place
    // (as an unreadable detection) and the walk goes on: one bad entry costs no other result.
    java.util.TreeMap<Path, String> entries = new java.util.TreeMap<>();
    Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
        if ((attrs.isSymbolicLink() || attrs.isRegularFile())
            && ModelFiles.isModelFile(file.getFileName().toString(), scope)) {
          entries.put(file, null);
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
        entries.put(file, (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? "cannot list: " : "cannot read: ")
            + org.modelevolution.io.IoErrors.reason(e));
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) {
        if (e != null) {
          entries.put(dir, "cannot list: " + org.modelevolution.io.IoErrors.reason(e));
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    List<Detection> detections = new ArrayList<>(entries.size());
    entries.forEach((file, failure) -> {
      String shown = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
      detections.add(failure == null ? detect(file, shown) : failed(shown.isEmpty() ? root.toString() : shown, 0, -1, failure));
    });
    return detections;
  }

  /** Detects a local file; {@code file} as given is the reported path. */
  public Detection detect(Path file) {
    return detect(file, file.toString());
  }

  /** Detects a local file, reporting it as {@code shownPath}. Symbolic links are not followed. */
  public Detection detect(Path file, String shownPath) {
    if (Files.isSymbolicLink(file)) {
      String target;
      try {
        target = Files.readSymbolicLink(file).toString();
      } catch (IOException | UnsupportedOperationException e) {
        target = "?";
      }
      return new Detection(
          shownPath, FormatId.SYMBOLIC_LINK, FormatId.SYMBOLIC_LINK.studyLabel(),
          List.of(new Evidence(0, "symbolic link to '" + target + "' (not followed)")), 0, -1, PickleScan.NOT_APPLICABLE);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return failed(shownPath, 0, -1, whyNotRegular(file));
    }
    try (FileByteSource source = FileByteSource.open(file, shownPath)) {
      return detect(source);
    } catch (IOException | RuntimeException e) {
      return failed(shownPath, 0, -1, "cannot open: " + (e instanceof IOException io
          ? org.modelevolution.io.IoErrors.reason(io) : e.getMessage()));
    }
  }

  /** Why a path is no regular file: missing, another kind of file, or its folder not searchable. */
  private static String whyNotRegular(Path file) {
    try {
      var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return attributes.isDirectory() ? "not a regular file (a folder)" : "not a regular file";
    } catch (java.nio.file.NoSuchFileException e) {
      return "no such file";
    } catch (IOException e) {
      return "cannot open: " + org.modelevolution.io.IoErrors.reason(e);
    }
  }

  /** Detects the bytes of {@code source}. Never throws. */
  public Detection detect(ByteSource source) {
    long size;
    try {
      size = source.size();
    } catch (IOException | RuntimeException e) {
      return failed(source.name(), source.bytesRead(), -1, "cannot read size: " + e.getMessage());
    }
    if (size == 0) {
      return done(source, size, Match.of(FormatId.EMPTY, new Evidence(0, "zero-byte file")), List.of(), null);
    }
    if (size < 8) {
      return done(source, size, Match.of(FormatId.UNKNOWN, new Evidence(0, size + " bytes: too short for any model format")), List.of(), null);
    }
    Probe probe = new Probe(source, size, options);
    List<Evidence> notes = new ArrayList<>();
    for (FormatRule rule : RULES) {
      try {
        Match match = rule.apply(probe, notes);
        if (match != null) {
          return done(source, size, withPolyglotPickle(probe, match), notes, probe);
        }
      } catch (IOException e) {
        notes.add(new Evidence(0, rule.getClass().getSimpleName() + " stopped: " + e.getMessage()));
      } catch (RuntimeException | StackOverflowError e) {
        // A bug, not bad input: recorded (and asserted absent by the fuzz test), never thrown.
        notes.add(new Evidence(0, INTERNAL_ERROR + rule.getClass().getSimpleName() + ": " + e));
      }
    }
    notes.add(new Evidence(0, "no format signature matched"));
    return done(source, size, new Match(FormatId.UNKNOWN, List.of(), PickleScan.NOT_APPLICABLE), notes, probe);
  }

  /** Formats whose own rule walked the bytes from offset 0 as a pickle already. */
  private static final java.util.Set<FormatId> WALKED_FROM_START =
      java.util.EnumSet.of(FormatId.PICKLE, FormatId.JOBLIB, FormatId.TORCH_LEGACY, FormatId.UNKNOWN, FormatId.EMPTY);

  /**
   * A polyglot: a file another rule claims (an HDF5 user block, a TFLite or GGUF header, a zip)
   * whose bytes from offset 0 also form a pickle with imports. {@code pickle.load} reads from
   * offset 0 whatever the format, so those imports get a verdict too, merged with the format's own.
   */
  private static Match withPolyglotPickle(Probe probe, Match match) throws IOException {
    if (WALKED_FROM_START.contains(match.format()) || !probe.options.scanPickles()) {
      return match;
    }
    java.nio.ByteBuffer h = probe.head(2);
    if (h.limit() < 2 || !PickleScanner.mayStartPickle(h.get(0) & 0xFF)) {
      return match;
    }
    PickleScanner scanner = new PickleScanner();
    scanner.evidenceClass(PickleScan.POLYGLOT);
    scanner.withoutPersistentLoad();
    probe.purpose("polyglot check: a pickle walk from offset 0");
    try (java.io.InputStream in = PickleStreams.region(probe, 0, probe.size)) {
      if (!scanner.guess(in, "polyglot pickle at offset 0")) {
        return match;
      }
    } catch (IOException e) {
      return match; // beyond a remote window or a cap: the format's answer stands
    }
    PickleScan polyglot = scanner.result();
    List<Evidence> evidence = new ArrayList<>(match.evidence());
    evidence.add(new Evidence(0, "polyglot: the bytes from offset 0 also form a pickle with " + polyglot.imports().size()
        + " import(s) (pickle.load reads them whatever the " + match.format().id() + " structure)"));
    return new Match(match.format(), evidence, match.pickle().applicable() ? match.pickle().plus(polyglot) : polyglot);
  }

  private Detection done(ByteSource source, long size, Match match, List<Evidence> notes, Probe probe) {
    List<Evidence> evidence = new ArrayList<>(match.evidence());
    if (match.format() == FormatId.UNKNOWN) {
      for (Evidence n : notes) {
        if (!evidence.contains(n)) {
          evidence.add(n);
        }
      }
    }
    List<Detection.Read> reads = new ArrayList<>();
    if (probe != null && source.bytesRead() > Detection.READ_BUDGET) {
      // A container forced reads beyond the budget: say how much, and for what.
      probe.readsByPurpose.forEach((why, bytes) -> reads.add(new Detection.Read(why, bytes)));
    }
    return new Detection(
        source.name(), match.format(), match.format().studyLabel(), evidence, source.bytesRead(), size,
        policy == PicklePolicy.standard() ? match.pickle() : match.pickle().judgedBy(policy), reads);
  }

  private static Detection failed(String path, long bytesRead, long size, String why) {
    return Detection.unreadable(path, bytesRead, why);
  }
}
