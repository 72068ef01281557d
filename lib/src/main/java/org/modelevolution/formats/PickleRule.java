package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw pickle streams: the legacy torch stream (five pickles in a row after a magic number),
 * uncompressed joblib (a pickle with {@code joblib.numpy_pickle} wrappers and raw arrays between
 * its opcodes) and plain pickles (protocols 0-5, confirmed by an opcode walk).
 */
final class PickleRule implements FormatRule {
  private static final byte[] LEGACY_MAGIC = {(byte) 0x8A, 0x0A, 0x6C, (byte) 0xFC, (byte) 0x9C, 0x46, (byte) 0xF9, 0x20, 0x6A, (byte) 0xA8, 0x50, 0x19};
  private static final int LEGACY_PICKLES = 5;
  /** The legacy magic number pickled with protocol 0 or 1: LONG with its decimal text, then STOP. */
  private static final byte[] LEGACY_MAGIC_TEXT = "L119547037146038801333356L\n.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static boolean startsWith(ByteBuffer head, byte[] prefix) {
    if (head.limit() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (head.get(i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    ByteBuffer head = probe.head(40);
    int legacyAt = legacyMagicOffset(head);
    if (legacyAt >= 0) {
      return torchLegacy(probe, legacyAt);
    }
    return pickle(probe, notes);
  }

  /** Offset of the LONG1 magic number after PROTO (and an optional FRAME), or -1. */
  static int legacyMagicOffset(ByteBuffer head) {
    if (startsWith(head, LEGACY_MAGIC_TEXT)) {
      return 0; // protocol 0/1: the magic number as a LONG text argument
    }
    if (head.limit() < 2 || (head.get(0) & 0xFF) != 0x80 || head.get(1) < 2 || head.get(1) > 5) {
      return -1;
    }
    int at = 2;
    if (head.limit() > at && (head.get(at) & 0xFF) == 0x95) {
      at += 9;
    }
    if (head.limit() < at + LEGACY_MAGIC.length + 1) {
      return -1;
    }
    for (int i = 0; i < LEGACY_MAGIC.length; i++) {
      if (head.get(at + i) != LEGACY_MAGIC[i]) {
        return -1;
      }
    }
    return head.get(at + LEGACY_MAGIC.length) == '.' ? at : -1;
  }

  private static Match torchLegacy(Probe probe, int magicAt) throws IOException {
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(new Evidence(magicAt, "pickled LONG1 magic number 0x1950a86a20f9469cfc6c (legacy torch.save)"));
    PickleScanner scanner = new PickleScanner();
    probe.purpose("legacy torch.save pickles (five in a row)");
    if (probe.options.scanPickles()) {
      InputStream in = PickleStreams.region(probe, 0, probe.size);
      for (int i = 0; i < LEGACY_PICKLES; i++) {
        PickleScanner.Outcome outcome = PickleStreams.scan(scanner, in, "legacy pickle " + (i + 1));
        if (outcome == null || !outcome.clean()) {
          break;
        }
      }
      evidence.add(new Evidence(0, scanner.pickles() + " consecutive pickles walked"));
    }
    return Match.of(FormatId.TORCH_LEGACY, evidence, scanner.result());
  }

  private static Match pickle(Probe probe, List<Evidence> notes) throws IOException {
    ByteBuffer head = probe.head(2);
    if (head.limit() < 2) {
      return null;
    }
    boolean proto = (head.get(0) & 0xFF) == 0x80 && head.get(1) >= 2 && head.get(1) <= 5;
    PickleScanner scanner = new PickleScanner();
    PickleScanner.Outcome outcome;
    probe.purpose("pickle opcode walk (payloads it seeks over are not read)");
    try (InputStream raw = PickleStreams.region(probe, 0, probe.size)) {
      outcome = PickleStreams.scan(scanner, raw, "pickle");
      if (outcome != null && outcome.clean() && proto && outcome.end() < probe.size) {
        // More bytes after STOP: walked as further pickles (a loader may read them; picklescan does).
        PickleStreams.scanAll(scanner, raw, "pickle");
      }
    }
    if (outcome == null) {
      // A read cap stopped a walk that was valid so far.
      // Remotely the last byte is only looked at when it costs no request of its own.
      boolean endsWithStop = probe.tailIsFree() && probe.tail(1).get(0) == '.';
      if (!proto && !endsWithStop) {
        return null;
      }
      Evidence capped = new Evidence(0, (proto ? "PROTO " + head.get(1) : "protocol 0/1 opcodes, last byte STOP")
          + "; opcodes valid up to the read cap of " + PickleStreams.readCap(probe) + " bytes");
      FormatId format = scanner.imported("joblib.numpy_pickle.") ? FormatId.JOBLIB : FormatId.PICKLE;
      return found(format, scanner, capped);
    }
    if (!outcome.clean()) {
      if (proto && outcome.opcodes() > 2) {
        // The unpickler runs every opcode before the bad one: such a file is a (broken) pickle.
        return found(scanner.imported("joblib.numpy_pickle.") ? FormatId.JOBLIB : FormatId.PICKLE, scanner, new Evidence(0, "PROTO " + head.get(1) + "; " + (outcome.opcodes() - 1)
            + " valid opcodes, then " + outcome.problem()));
      }
      if (!proto && scanner.calls() > 0 && scanner.importCount() > 0) {
        return found(FormatId.PICKLE, scanner, new Evidence(0, "protocol 0/1 opcodes with " + scanner.importCount()
            + " import(s) and " + outcome.calls() + " call(s), then " + outcome.problem()));
      }
      notes.add(new Evidence(0, "not a pickle: " + outcome.problem() + " after " + outcome.opcodes() + " opcodes"));
      return null;
    }
    long end = outcome.end();
    if (!proto && (outcome.stackAtStop() != 1 || end != probe.size || outcome.opcodes() < 2)) {
      // Not a standalone pickle (marks or values left at STOP, bytes after it): still a pickle
      // when what pickle.load runs imports something and calls: every further pickle is walked.
      if (end < probe.size && probe.options.scanPickles()) {
        try (InputStream rest = PickleStreams.region(probe, end, probe.size)) {
          PickleStreams.scanAll(scanner, rest, "pickle after offset " + end);
        }
      }
      if (scanner.importCount() == 0 || scanner.calls() == 0) {
        notes.add(new Evidence(end, "opcode walk reached STOP but not as a standalone protocol-0/1 pickle, and nothing it runs imports and calls"));
        return null;
      }
      return found(FormatId.PICKLE, scanner, new Evidence(0, "protocol 0/1 opcodes reached STOP at offset " + (end - 1) + " with "
          + outcome.stackAtStop() + " value(s) or marks on the stack" + (end < probe.size ? " and " + (probe.size - end) + " bytes after it" : "")
          + "; " + scanner.importCount() + " import(s), " + scanner.calls() + " call(s)"));
    }
    String how = proto ? "PROTO " + outcome.protocol() : "protocol 0/1 opcodes";
    Evidence walk = new Evidence(0, how + ", opcode walk of " + outcome.opcodes() + " opcodes reached STOP at offset " + (end - 1)
        + (scanner.pickles() > 1 ? "; " + (scanner.pickles() - 1) + " more pickle(s) after it" : ""));
    if (scanner.imported("joblib.numpy_pickle.")) {
      return found(FormatId.JOBLIB, scanner, walk, new Evidence(0, "imports joblib.numpy_pickle.NumpyArrayWrapper (raw arrays skipped)"));
    }
    return found(FormatId.PICKLE, scanner, walk);
  }

  private static Match found(FormatId format, PickleScanner scanner, Evidence... evidence) {
    return Match.of(format, List.of(evidence), scanner.result());
  }
}
