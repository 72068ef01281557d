package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Whole-stream compression as joblib writes it (zlib, gzip, bz2, xz, lzma-alone, lz4 frame). The
 * stream is decompressed incrementally, under the decompression cap, and walked as a pickle: a
 * pickle that imports {@code joblib.numpy_pickle} is {@code joblib}; any other content, including
 * a compressed plain pickle, is {@code unknown} (the corpus convention).
 */
final class CompressedRule implements FormatRule {
  /**
   * Decoder memory limit for xz/lzma dictionaries: enough for the largest standard preset (9, a
   * 64 MiB dictionary, which {@code joblib.dump(compress=('xz', 9))} writes), so a header cannot
   * make us allocate more than that. Dictionary buffers are reused across files.
   */
  private static final int LZMA_MEMORY_KIB = 72 * 1024;

  enum Codec {
    /** joblib < 0.10: {@code ZF}, the payload length as a space-padded hex literal, then zlib. */
    JOBLIB_ZF,
    ZLIB,
    GZIP,
    BZIP2,
    XZ,
    LZMA,
    LZ4
  }

  static Codec codec(ByteBuffer h) {
    int n = h.limit();
    int b0 = n > 0 ? h.get(0) & 0xFF : -1;
    int b1 = n > 1 ? h.get(1) & 0xFF : -1;
    if (n >= ZF_HEADER + 2 && b0 == 'Z' && b1 == 'F' && zfLength(h)) {
      return Codec.JOBLIB_ZF;
    }
    if (n >= 2 && (b0 & 0x0F) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0 && (b1 & 0x20) == 0) {
      return Codec.ZLIB;
    }
    if (n >= 3 && b0 == 0x1F && b1 == 0x8B && h.get(2) == 8) {
      return Codec.GZIP;
    }
    if (n >= 4 && b0 == 'B' && b1 == 'Z' && h.get(2) == 'h' && h.get(3) >= '1' && h.get(3) <= '9') {
      return Codec.BZIP2;
    }
    if (n >= 6 && b0 == 0xFD && b1 == '7' && h.get(2) == 'z' && h.get(3) == 'X' && h.get(4) == 'Z' && h.get(5) == 0) {
      return Codec.XZ;
    }
    if (n >= 13 && b0 == 0x5D && b1 == 0 && h.get(2) == 0) {
      return Codec.LZMA;
    }
    if (n >= 4 && h.getInt(0) == 0x184D2204) {
      return Codec.LZ4;
    }
    return null;
  }

  private static final int ZSTD_MAGIC = 0xFD2FB528;

  /** {@code ZF} plus the 19-character field holding {@code hex(len)}, as old joblib wrote it. */
  private static final int ZF_HEADER = 2 + 19;

  private static boolean zfLength(ByteBuffer h) {
    if (h.get(2) != '0' || h.get(3) != 'x') {
      return false;
    }
    int i = 4;
    while (i < ZF_HEADER && Character.digit(h.get(i), 16) >= 0) {
      i++;
    }
    if (i == 4) {
      return false;
    }
    if (i < ZF_HEADER && h.get(i) == 'L') {
      i++;
    }
    while (i < ZF_HEADER && h.get(i) == ' ') {
      i++;
    }
    return i == ZF_HEADER;
  }

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    ByteBuffer h = probe.head(ZF_HEADER + 2);
    if (h.limit() >= 4 && h.getInt(0) == ZSTD_MAGIC) {
      // pandas.read_pickle opens .zst by extension; no zstd decoder ships here, so the scan
      // cannot tell what the stream holds.
      PickleScanner scanner = new PickleScanner();
      scanner.incomplete("zstd stream", 0, "zstd frame not decompressed here (no decoder): its content is unknown");
      return Match.of(FormatId.UNKNOWN, List.of(new Evidence(0, "zstd frame magic 28 B5 2F FD")), scanner.result());
    }
    Codec codec = codec(h);
    if (codec == null) {
      return null;
    }
    String name = codec.name().toLowerCase(java.util.Locale.ROOT);
    probe.purpose(name + " stream decompressed for the pickle walk");
    PickleScanner scanner = new PickleScanner();
    PickleScanner.Outcome outcome;
    long start = codec == Codec.JOBLIB_ZF ? ZF_HEADER : 0;
    InputStream compressed = new CappedInputStream(
        new SourceInputStream(probe, start, probe.size), PickleStreams.readCap(probe), "compressed read", false);
    boolean startsLikePickle = false;
    try (InputStream in = PickleStreams.decompressed(open(codec, compressed), probe, name + " decompression")) {
      in.mark(512);
      byte[] head = in.readNBytes(512);
      in.reset();
      startsLikePickle = head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5;
      if (TarRule.isTar(head, head.length)) {
        // A compressed tar (pandas.read_pickle of .tar.gz and the like): its members by content.
        TarRule.Result r = TarRule.examine(in, scanner, name + " stream > ", probe.options.scanPickles());
        if (r.pickles() == 0) {
          return null;
        }
        return Match.of(FormatId.UNKNOWN, List.of(new Evidence(0, name + " stream header"), new Evidence(0,
            "decompressed content: a tar of " + r.members() + " members, pickle streams in " + r.pickles() + " (archive member)")), scanner.result());
      }
      outcome = PickleStreams.scanAll(scanner, in, name + " stream");
    } catch (IOException | RuntimeException e) {
      notes.add(new Evidence(0, name + " header but the stream does not decompress: " + e.getMessage()));
      return null;
    }
    if (outcome == null && scanner.importCount() == 0 && !scanner.capReached() && !startsLikePickle) {
      // Two bytes that pass for a zlib header (a protocol-0 pickle starting "(S" does) but no
      // stream behind them: not this format; the later rules decide.
      notes.add(new Evidence(0, name + " header but no decompressible pickle behind it: " + String.join("; ", scanner.result().notes())));
      return null;
    }
    Evidence header = new Evidence(0, name + " stream header");
    if (scanner.imported("joblib.numpy_pickle.")) {
      String walked = outcome != null && outcome.clean()
          ? "decompressed pickle walked to STOP (" + outcome.end() + " bytes)"
          : "decompressed pickle walked partly";
      return Match.of(
          FormatId.JOBLIB,
          List.of(header, new Evidence(0, walked + "; imports joblib.numpy_pickle.NumpyArrayWrapper")),
          scanner.result());
    }
    String inside = outcome != null && outcome.clean()
        ? "a pickle without joblib wrappers (a compressed pickle is not joblib)"
        : "no joblib pickle (" + (outcome == null ? "cap reached" : outcome.problem()) + ")";
    PickleScan scan = scanner.result();
    boolean pickleShaped = startsLikePickle || scanner.capReached() || (scanner.importCount() > 0 && scanner.calls() > 0);
    if ((scanner.importCount() > 0 || pickleShaped) && scan.verdict() != PickleVerdict.SAFE) {
      // Not a model format, but pickle.load(gzip.open(...)) would still run these imports: keep the verdict.
      return Match.of(FormatId.UNKNOWN, List.of(header, new Evidence(0, "decompressed content: " + inside
          + "; its imports are judged " + scan.verdict().id())), scan);
    }
    return Match.of(FormatId.UNKNOWN, header, new Evidence(0, "decompressed content: " + inside));
  }

  private static InputStream open(Codec codec, InputStream raw) throws IOException {
    return switch (codec) {
      case ZLIB, JOBLIB_ZF -> new InflaterInputStream(raw, new Inflater(false), 1024);
      case GZIP -> new GZIPInputStream(raw, 1024);
      case BZIP2 -> new BZip2CompressorInputStream(raw, true);
      // The shared cache reuses dictionary buffers across files instead of allocating one each time.
      case XZ -> new XZInputStream(raw, LZMA_MEMORY_KIB, BasicArrayCache.getInstance());
      case LZMA -> new LZMAInputStream(raw, LZMA_MEMORY_KIB, BasicArrayCache.getInstance());
      case LZ4 -> new FramedLZ4CompressorInputStream(raw, true);
    };
  }
}
