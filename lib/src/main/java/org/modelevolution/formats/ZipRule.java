package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * The pickles are then scanned: {@code data.pkl} (torch_zip); {@code data.pkl},
 * {@code constants.pkl} and {@code bytecode.pkl} (torchscript); object-dtype members (npz).
 */
final class ZipRule implements FormatRule {
  private static final byte[] LOCAL = {'P', 'K', 3, 4};
  private static final byte[] EMPTY = {'P', 'K', 5, 6};
  private static final int MAX_NPZ_MEMBERS_SCANNED = 1024;

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
    if (prefix != null && has(files, prefix + "data.pkl") && (has(files, prefix + "version") || has(files, prefix + ".data/version"))) {
      boolean script = files.stream().anyMatch(e -> e.name().startsWith(prefix + "code/")) || has(files, prefix + "constants.pkl");
      evidence.add(new Evidence(dir.eocdOffset, "entries under '" + prefix + "' with data.pkl and a version record"
          + (script ? ", plus TorchScript code/ or constants.pkl" : ", no code/ or constants.pkl")));
      List<String> pickles = script
          ? List.of(prefix + "data.pkl", prefix + "constants.pkl", prefix + "bytecode.pkl")
          : List.of(prefix + "data.pkl");
      PickleScan scan = scanEntries(probe, files, pickles, evidence);
      return Match.of(script ? FormatId.TORCHSCRIPT : FormatId.TORCH_ZIP, evidence, scan);
    }
    if (has(files, "metadata.json") && has(files, "config.json") && files.stream().anyMatch(e -> e.name().startsWith("model.weights."))) {
      evidence.add(new Evidence(dir.eocdOffset, "root entries metadata.json, config.json and model.weights.*"));
      return Match.of(FormatId.KERAS_V3, evidence, PickleScan.NOT_APPLICABLE);
    }
    if (!files.isEmpty() && files.stream().allMatch(e -> e.name().endsWith(".npy"))) {
      evidence.add(new Evidence(dir.eocdOffset, "all " + files.size() + " entries end in .npy"));
      return npz(probe, files, evidence);
    }
    evidence.add(new Evidence(dir.eocdOffset, "entry names match no model layout"
        + (files.isEmpty() ? " (no entries)" : ", e.g. '" + files.get(0).name() + "'")));
    return Match.of(FormatId.UNKNOWN, evidence, PickleScan.NOT_APPLICABLE);
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

  private static boolean has(List<ZipDirectory.Entry> files, String name) {
    return files.stream().anyMatch(e -> e.name().equals(name));
  }

  private static PickleScan scanEntries(Probe probe, List<ZipDirectory.Entry> files, List<String> names, List<Evidence> evidence)
      throws IOException {
    PickleScanner scanner = new PickleScanner();
    if (!probe.options.scanPickles()) {
      scanner.incomplete("pickle scan disabled");
      return scanner.result();
    }
    Set<String> scanned = new LinkedHashSet<>();
    for (String name : names) {
      for (ZipDirectory.Entry entry : files) {
        if (!entry.name().equals(name)) {
          continue;
        }
        List<String> problems = new ArrayList<>();
        try (InputStream in = ZipDirectory.open(probe, entry, problems)) {
          problems.forEach(p -> scanner.incomplete(entry.name(), entry.localHeaderOffset(), p));
          if (in != null) {
            PickleStreams.scanAll(scanner, in, entry.name());
            scanned.add(name.substring(name.lastIndexOf('/') + 1));
          }
        }
        break;
      }
    }
    evidence.add(new Evidence(0, "pickles scanned: " + String.join(", ", scanned)));
    return scanner.result();
  }

  private static Match npz(Probe probe, List<ZipDirectory.Entry> files, List<Evidence> evidence) throws IOException {
    PickleScanner scanner = new PickleScanner();
    int objects = 0;
    int checked = 0;
    for (ZipDirectory.Entry entry : files) {
      if (checked++ >= MAX_NPZ_MEMBERS_SCANNED) {
        scanner.incomplete("more than " + MAX_NPZ_MEMBERS_SCANNED + " members; the rest not checked for object arrays");
        break;
      }
      List<String> problems = new ArrayList<>();
      try (InputStream in = ZipDirectory.open(probe, entry, problems)) {
        if (in == null) {
          problems.forEach(p -> evidence.add(new Evidence(entry.localHeaderOffset(), p)));
          continue;
        }
        problems.forEach(p -> scanner.incomplete(entry.name(), entry.localHeaderOffset(), p));
        byte[] preamble = in.readNBytes(12);
        if (preamble.length < 12) {
          continue;
        }
        ByteBuffer b = ByteBuffer.wrap(preamble).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < NpyRule.MAGIC.length; i++) {
          if (preamble[i] != NpyRule.MAGIC[i]) {
            b = null;
            break;
          }
        }
        if (b == null) {
          evidence.add(new Evidence(entry.localHeaderOffset(), "member " + entry.name() + " is not an npy array"));
          continue;
        }
        int major = preamble[6] & 0xFF;
        long length = major == 1 ? b.getShort(8) & 0xFFFF : Integer.toUnsignedLong(b.getInt(8));
        int start = major == 1 ? 10 : 12;
        if (length > 65_536 || start + length < 12) {
          continue;
        }
        byte[] rest = in.readNBytes((int) (start + length - 12));
        ByteBuffer whole = ByteBuffer.allocate(12 + rest.length).order(java.nio.ByteOrder.LITTLE_ENDIAN).put(preamble).put(rest).flip();
        NpyRule.Header header = NpyRule.header(whole, null, new ArrayList<>());
        if (header == null || !header.objects()) {
          continue;
        }
        objects++;
        if (probe.options.scanPickles()) {
          PickleStreams.scanAll(scanner, in, entry.name());
        } else if (objects == 1) {
          scanner.incomplete("pickle scan disabled");
        }
      }
    }
    if (objects == 0) {
      return Match.of(FormatId.NUMPY_NPZ, evidence, PickleScan.NOT_APPLICABLE);
    }
    evidence.add(new Evidence(0, objects + " object-dtype member(s): pickles scanned"));
    return Match.of(FormatId.NUMPY_NPZ, evidence, scanner.result());
  }
}
