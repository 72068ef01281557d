package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Zip containers, classified by the entry names of the central directory:
 *
 * <ul>
 *   <li>torch_zip: all entries under one folder {@code <p>/}, with {@code <p>/data.pkl} and a
 *       version record ({@code <p>/version} or {@code <p>/.data/version}), and no TorchScript code;
 *   <li>torchscript: the same, plus {@code <p>/code/} entries or {@code <p>/constants.pkl};
 *   <li>keras_v3: root entries {@code metadata.json}, {@code config.json} and {@code model.weights.*};
 *   <li>numpy_npz: every file entry ends in {@code .npy};
 *   <li>otherwise unknown. Nothing is decompressed to classify, so zip bombs cost nothing.
 * </ul>
 *
 * Members are then decided by content, not name: every member that starts like a pickle (any
 * name: an extra {@code *.pkl}, a name-less pickle, a second copy or a case variant of
 * {@code data.pkl}, which PyTorch's reader matches case-insensitively), every object-dtype npy
 * member ({@code numpy.load} opens any zip as an npz and reads any member by its magic), and every
 * zip member (scanned as an archive, up to a depth). The pickles torch.load runs ({@code data.pkl},
 * and {@code constants.pkl}, {@code bytecode.pkl} for TorchScript) are walked whatever they start
 * with. A zip of no known layout keeps {@code unknown} but gets the verdict of its pickles
 * ({@code pandas.read_pickle} opens a zip holding one pickle).
 */
final class ZipRule implements FormatRule {
  private static final byte[] LOCAL = {'P', 'K', 3, 4};
  private static final byte[] EMPTY = {'P', 'K', 5, 6};

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    boolean local = probe.headMatches(0, LOCAL);
    if (!local && !probe.headMatches(0, EMPTY)) {
      return null;
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(new Evidence(0, local ? "zip local file header PK\\x03\\x04" : "empty zip (end record at offset 0)"));
    ZipDirectory dir = ZipDirectory.read(probe, notes);
    if (dir == null) {
      evidence.addAll(notes);
      return local ? firstEntryHeuristic(probe, evidence) : Match.of(FormatId.UNKNOWN, evidence, PickleScan.NOT_APPLICABLE);
    }
    evidence.add(new Evidence(dir.eocdOffset, "end of central directory" + (dir.zip64 ? " (ZIP64)" : "") + ": "
        + dir.entries.size() + " entries" + (dir.truncated ? " (directory read up to the cap)" : "")));
    List<ZipDirectory.Entry> files = dir.entries.stream().filter(e -> !e.name().endsWith("/")).toList();

    String prefix = commonFolder(files);
    if (prefix == null && !files.isEmpty()) {
      // PyTorch's reader takes the archive folder from the first entry's name.
      int slash = files.get(0).name().indexOf('/');
      prefix = slash > 0 ? files.get(0).name().substring(0, slash + 1) : null;
    }
    PickleScanner scanner = new PickleScanner();
    if (dir.truncated) {
      scanner.incomplete("zip", dir.eocdOffset, "central directory read only up to " + dir.entries.size() + " entries (bound "
          + ZipDirectory.MAX_ENTRIES + " or a broken directory): later members not examined");
    }
    if (prefix != null && has(files, prefix + "data.pkl") && (has(files, prefix + "version") || has(files, prefix + ".data/version"))) {
      String p = prefix;
      boolean script = files.stream().anyMatch(e -> e.name().startsWith(p + "code/")) || has(files, prefix + "constants.pkl");
      evidence.add(new Evidence(dir.eocdOffset, "entries under '" + prefix + "' with data.pkl and a version record"
          + (script ? ", plus TorchScript code/ or constants.pkl" : ", no code/ or constants.pkl")));
      Set<String> loaded = script
          ? Set.of(lower(prefix + "data.pkl"), lower(prefix + "constants.pkl"), lower(prefix + "bytecode.pkl"), DEBUG_TABLES)
          : Set.of(lower(prefix + "data.pkl"));
      Members m = examine(probe, files, loaded, scanner, "", evidence);
      evidence.add(m.summary());
      return Match.of(script ? FormatId.TORCHSCRIPT : FormatId.TORCH_ZIP, evidence, scanner.result());
    }
    if (has(files, "metadata.json") && has(files, "config.json") && files.stream().anyMatch(e -> e.name().startsWith("model.weights."))) {
      evidence.add(new Evidence(dir.eocdOffset, "root entries metadata.json, config.json and model.weights.*"));
      Members m = examine(probe, files, Set.of(), scanner, "", evidence);
      return Match.of(FormatId.KERAS_V3, evidence, m.scanned() ? scanner.result() : PickleScan.NOT_APPLICABLE);
    }
    if (!files.isEmpty() && files.stream().allMatch(e -> e.name().endsWith(".npy"))) {
      evidence.add(new Evidence(dir.eocdOffset, "all " + files.size() + " entries end in .npy"));
      Members m = examine(probe, files, Set.of(), scanner, "", evidence);
      if (!m.scanned()) {
        return Match.of(FormatId.NUMPY_NPZ, evidence, PickleScan.NOT_APPLICABLE);
      }
      evidence.add(m.summary());
      return Match.of(FormatId.NUMPY_NPZ, evidence, scanner.result());
    }
    evidence.add(new Evidence(dir.eocdOffset, "entry names match no model layout"
        + (files.isEmpty() ? " (no entries)" : ", e.g. '" + files.get(0).name() + "'")));
    Members m = examine(probe, files, Set.of(), scanner, "", evidence);
    if (!m.scanned()) {
      return Match.of(FormatId.UNKNOWN, evidence, PickleScan.NOT_APPLICABLE);
    }
    evidence.add(m.summary());
    return Match.of(FormatId.UNKNOWN, evidence, scanner.result());
  }

  private static String lower(String name) {
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  /** What the content examination found: counts per kind, and whether any scan applies. */
  record Members(int examined, int pickles, int objectArrays, int archives, int guessed, int skipped) {
    boolean scanned() {
      return pickles + objectArrays + archives + guessed > 0 || skipped > 0;
    }

    Evidence summary() {
      return new Evidence(0, "members examined by content: " + examined + "; pickles walked: " + pickles
          + ", object-dtype npy members: " + objectArrays + ", nested archives: " + archives
          + ", other members with imports: " + guessed + (skipped > 0 ? ", not examined: " + skipped : ""));
    }
  }

  /**
   * Examines every member by its first bytes. {@code loaded}: lower-cased names a loader unpickles
   * whatever they start with. {@code outer}: the path of an enclosing archive, for findings.
   */
  static Members examine(Probe probe, List<ZipDirectory.Entry> files, Set<String> loaded, PickleScanner scanner, String outer,
      List<Evidence> evidence) {
    if (!probe.options.scanPickles()) {
      boolean any = files.stream().anyMatch(e -> loaded.contains(lower(e.name())));
      if (any) {
        scanner.incomplete("pickle scan disabled");
      }
      return new Members(0, 0, 0, 0, 0, any ? 1 : 0);
    }
    probe.purpose("archive members examined by content (" + files.size() + " members: local headers, first bytes, pickles walked)");
    String kindBefore = scanner.evidenceClass(PickleScan.ARCHIVE_MEMBER);
    try {
      return examineMembers(probe, files, loaded, scanner, outer, evidence);
    } finally {
      scanner.evidenceClass(kindBefore);
    }
  }

  private static Members examineMembers(Probe probe, List<ZipDirectory.Entry> files, Set<String> loaded, PickleScanner scanner, String outer,
      List<Evidence> evidence) {
    int pickles = 0;
    int objects = 0;
    int archives = 0;
    int guessed = 0;
    int skipped = 0;
    int examined = 0;
    for (ZipDirectory.Entry entry : files) {
      String where = outer + entry.name();
      boolean mustLoad = loaded.contains(lower(entry.name()));
      if (!mustLoad && entry.compressedSize() == 0) {
        examined++; // nothing stored: nothing to unpickle
        continue;
      }
      if (!mustLoad && entry.method() == 0) {
        // Stored members are told by their first bytes before any stream is opened (an
        // archive of tens of thousands of tensors costs a local header and 8 bytes each); a
        // small one is taken whole, and not walked when nothing in it could import.
        try {
          boolean small = entry.compressedSize() <= SMALL_MEMBER;
          byte[] first = ZipDirectory.peekStored(probe, entry, small ? SMALL_MEMBER : 8);
          boolean whole = small && first.length == entry.compressedSize();
          if (!interesting(first) || (whole && !PickleScanner.mayImportFrom(first))) {
            examined++;
            continue;
          }
          if (whole && !PickleScanner.startsLikePickle(first) && !isNpy(first) && !isZip(first)) {
            // A small member that may hold an import: guessed from the bytes in hand.
            examined++;
            if (scanner.guess(new java.io.ByteArrayInputStream(first), where)) {
              guessed++;
            }
            continue;
          }
        } catch (IOException e) {
          evidence.add(new Evidence(entry.localHeaderOffset(), "member " + where + " not examined: " + e.getMessage()));
          continue;
        }
      }
      List<String> problems = new ArrayList<>();
      try (InputStream raw = ZipDirectory.open(probe, entry, problems)) {
        if (raw == null) {
          if (mustLoad) {
            problems.forEach(p -> scanner.incomplete(where, entry.localHeaderOffset(), p));
            skipped++;
          } else {
            problems.forEach(p -> evidence.add(new Evidence(entry.localHeaderOffset(), p)));
          }
          continue;
        }
        examined++;
        InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw, 512);
        in.mark(16);
        byte[] head = in.readNBytes(8);
        in.reset();
        boolean pickle = head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5;
        boolean npy = head.length >= 6 && java.util.Arrays.equals(java.util.Arrays.copyOf(head, 6), NpyRule.MAGIC);
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (pickle && lower(entry.name()).endsWith(".debug_pkl") && loaded.contains(DEBUG_TABLES)) {
          // TorchScript debug tables under code/: read only by TorchScript's C++ unpickler, which
          // resolves no Python name (torch.jit.load fails on anything but its own types). Counted,
          // not walked.
          examined++;
          continue;
        } else if (pickle && lower(entry.name()).endsWith(".debug_pkl")) {
          // TorchScript debug tables: read by TorchScript's C++ unpickler, which resolves only its
          // own helpers (torch.jit._pickle.*) and TorchScript types. Reported when they import
          // anything else or cannot be walked.
          PickleScanner side = new PickleScanner();
          side.withoutPayloadInspection();
          PickleStreams.scanAll(side, in, where);
          if (side.importsBeyond("torch.jit._pickle.", "__torch__.") || !side.result().complete()) {
            scanner.absorb(side);
          }
          pickles++;
        } else if (pickle || mustLoad) {
          problems.forEach(p -> scanner.incomplete(where, entry.localHeaderOffset(), p));
          PickleStreams.scanAll(scanner, in, where);
          pickles++;
        } else if (npy) {
          if (objectArrayScanned(in, where, scanner)) {
            problems.forEach(p -> scanner.incomplete(where, entry.localHeaderOffset(), p));
            objects++;
          }
        } else if (zip) {
          archives++;
          evidence.add(new Evidence(entry.localHeaderOffset(), "member " + where + " is itself a zip archive (nested archive member): scanned"));
          long budget = scanner.archiveBudget();
          byte[] bytes = in.readNBytes((int) Math.max(0, Math.min(budget, MAX_NESTED_ZIP)) + 1);
          scanner.archiveBuffered(bytes.length);
          if (bytes.length > Math.min(budget, MAX_NESTED_ZIP)) {
            scanner.incomplete(where, entry.localHeaderOffset(), "nested zip beyond the " + MAX_NESTED_ZIP + "-byte bound for nested archives: not scanned");
          } else if (!scanner.mayNest()) {
            scanner.incomplete(where, entry.localHeaderOffset(), "nested zip deeper than the nesting bound: not scanned");
          } else {
            scanner.enter();
            try {
              scanNested(bytes, scanner, where + " > ");
            } finally {
              scanner.leave();
            }
          }
        } else if (head.length >= 2 && PickleScanner.mayStartPickle(head[0] & 0xFF)) {
          if (scanner.guess(in, where)) {
            guessed++;
          }
        }
      } catch (CappedInputStream.CapReachedException e) {
        scanner.capReached(where, e.getMessage());
      } catch (IOException e) {
        if (mustLoad) {
          scanner.incomplete(where, entry.localHeaderOffset(), "member not readable: " + e.getMessage());
          skipped++;
        } else {
          evidence.add(new Evidence(entry.localHeaderOffset(), "member " + where + " not examined: " + e.getMessage()));
        }
      }
    }
    return new Members(examined, pickles, objects, archives, guessed, skipped);
  }

  private static final int MAX_NESTED_ZIP = 8 << 20;
  /** Marks, in the set of loaded names, an archive of TorchScript layout (its debug tables are C++-read). */
  private static final String DEBUG_TABLES = "\0torchscript debug tables";
  /** Stored members up to this size are peeked whole (one range read) before any walk. */
  private static final int SMALL_MEMBER = 4096;

  private static boolean isNpy(byte[] head) {
    return head.length >= 6 && java.util.Arrays.equals(java.util.Arrays.copyOf(head, 6), NpyRule.MAGIC);
  }

  private static boolean isZip(byte[] head) {
    return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
  }

  /** Whether a member's first bytes may be a pickle, an npy array or a zip. */
  private static boolean interesting(byte[] head) {
    if (head.length < 2) {
      return false;
    }
    boolean npy = head.length >= 6 && java.util.Arrays.equals(java.util.Arrays.copyOf(head, 6), NpyRule.MAGIC);
    boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    return npy || zip || PickleScanner.mayStartPickle(head[0] & 0xFF);
  }

  /** An npy member: when its header declares objects, the pickle after it is scanned. */
  private static boolean objectArrayScanned(InputStream in, String where, PickleScanner scanner) throws IOException {
    byte[] preamble = in.readNBytes(12);
    if (preamble.length < 12) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(preamble).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int major = preamble[6] & 0xFF;
    long length = major == 1 ? b.getShort(8) & 0xFFFF : Integer.toUnsignedLong(b.getInt(8));
    int start = major == 1 ? 10 : 12;
    if (length > 65_536 || start + length < 12) {
      return false;
    }
    byte[] rest = in.readNBytes((int) (start + length - 12));
    ByteBuffer whole = ByteBuffer.allocate(12 + rest.length).order(java.nio.ByteOrder.LITTLE_ENDIAN).put(preamble).put(rest).flip();
    NpyRule.Header header = NpyRule.header(whole, null, new ArrayList<>());
    if (header == null || !header.objects()) {
      return false;
    }
    PickleStreams.scanAll(scanner, in, where);
    return true;
  }

  /**
   * A zip found inside a pickle's bytes argument or inside another archive: its members are
   * examined by content into {@code scanner}, names prefixed by {@code where}.
   */
  static void scanNested(byte[] zip, PickleScanner scanner, String where) throws IOException {
    Probe probe = new Probe(new ByteArraySource(where, zip), zip.length, DetectorOptions.defaults());
    List<Evidence> notes = new ArrayList<>();
    ZipDirectory dir = ZipDirectory.read(probe, notes);
    if (dir == null) {
      scanner.incomplete(where, 0, "nested zip without a readable central directory: "
          + notes.stream().map(Evidence::seen).collect(java.util.stream.Collectors.joining("; ")));
      return;
    }
    if (dir.truncated) {
      scanner.incomplete(where, 0, "nested zip directory read only in part");
    }
    List<ZipDirectory.Entry> files = dir.entries.stream().filter(e -> !e.name().endsWith("/")).toList();
    Set<String> loaded = new java.util.HashSet<>();
    if (!files.isEmpty()) {
      int slash = files.get(0).name().indexOf('/');
      String prefix = slash > 0 ? files.get(0).name().substring(0, slash + 1) : "";
      loaded.add(lower(prefix + "data.pkl"));
      loaded.add(lower(prefix + "constants.pkl"));
    }
    examine(probe, files, loaded, scanner, where.endsWith("> ") ? where : where + " > ", new ArrayList<>());
  }

  /**
   * Without a central directory (a truncated archive) only the first local header can be trusted:
   * torch writes sizes in data descriptors, so the local headers cannot be walked. Its name decides
   * as formats.md describes: {@code <p>/data.pkl} (torch_zip), {@code <p>/data/0} (torchscript
   * writes tensors first), {@code metadata.json} (keras_v3), {@code *.npy} (numpy_npz).
   */
  private static Match firstEntryHeuristic(Probe probe, List<Evidence> evidence) throws IOException {
    ByteBuffer h = probe.head(30 + 1024);
    if (h.limit() < 30) {
      return Match.of(FormatId.UNKNOWN, evidence, PickleScan.NOT_APPLICABLE);
    }
    int nameLength = h.getShort(26) & 0xFFFF;
    int extraLength = h.getShort(28) & 0xFFFF;
    if (30 + nameLength > h.limit()) {
      return Match.of(FormatId.UNKNOWN, evidence, PickleScan.NOT_APPLICABLE);
    }
    byte[] nameBytes = new byte[nameLength];
    h.get(30, nameBytes);
    String name = new String(nameBytes, java.nio.charset.StandardCharsets.UTF_8);
    evidence.add(new Evidence(30, "no central directory; first local entry '" + name + "' (head heuristic)"));
    int slash = name.indexOf('/');
    String rest = slash > 0 ? name.substring(slash + 1) : "";
    if (rest.equals("data.pkl")) {
      PickleScanner scanner = new PickleScanner();
      int method = h.getShort(8) & 0xFFFF;
      if (method == 0 && probe.options.scanPickles()) {
        long dataStart = 30L + nameLength + extraLength;
        PickleStreams.scan(scanner, PickleStreams.region(probe, dataStart, probe.size), name);
      } else {
        scanner.incomplete("data.pkl not readable without the central directory");
      }
      scanner.incomplete("archive truncated: other pickles not located");
      return Match.of(FormatId.TORCH_ZIP, evidence, scanner.result());
    }
    if (rest.startsWith("data/") && slash > 0) {
      PickleScanner scanner = new PickleScanner();
      scanner.incomplete("archive truncated: pickles not located");
      return Match.of(FormatId.TORCHSCRIPT, evidence, scanner.result());
    }
    if (name.equals("metadata.json")) {
      return Match.of(FormatId.KERAS_V3, evidence, PickleScan.NOT_APPLICABLE);
    }
    if (name.endsWith(".npy")) {
      return Match.of(FormatId.NUMPY_NPZ, evidence, PickleScan.NOT_APPLICABLE);
    }
    return Match.of(FormatId.UNKNOWN, evidence, PickleScan.NOT_APPLICABLE);
  }

  /** The single top-level folder {@code p/} all entries share, or {@code null}. */
  private static String commonFolder(List<ZipDirectory.Entry> files) {
    String prefix = null;
    for (ZipDirectory.Entry e : files) {
      int slash = e.name().indexOf('/');
      if (slash <= 0) {
        return null;
      }
      String p = e.name().substring(0, slash + 1);
      if (prefix == null) {
        prefix = p;
      } else if (!prefix.equals(p)) {
        return null;
      }
    }
    return prefix;
  }

  /** Whether an entry has {@code name}, compared as PyTorch's reader does (case-insensitively). */
  private static boolean has(List<ZipDirectory.Entry> files, String name) {
    return files.stream().anyMatch(e -> e.name().equalsIgnoreCase(name));
  }

}
