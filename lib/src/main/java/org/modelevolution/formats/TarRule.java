package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * POSIX tar archives that hold pickles: PyTorch's legacy tar format ({@code sys_info},
 * {@code pickle}, {@code storages}, {@code tensors} members, each a pickle stream) and a tar of one
 * pickle ({@code pandas.read_pickle} opens {@code .tar} by extension). Members are decided by their
 * first bytes; a tar without pickle members is left to the later rules (it stays {@code unknown}).
 */
final class TarRule implements FormatRule {
  private static final List<String> TORCH_MEMBERS = List.of("sys_info", "pickle", "storages", "tensors");
  /** Members examined at most; the rest of a larger tar is a gap. */
  private static final int MAX_MEMBERS = 10_000;

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    if (!isTar(probe.head(512).array(), probe.head(512).limit())) {
      return null;
    }
    PickleScanner scanner = new PickleScanner();
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(new Evidence(257, "tar header magic 'ustar'"));
    Result r;
    probe.purpose("tar members walked in order (headers, pickles)");
    try (InputStream in = new SourceInputStream(probe, 0, probe.size)) {
      r = examine(in, scanner, "", probe.options.scanPickles());
    }
    if (r.pickles == 0 && r.torchMembers < 4) {
      notes.add(new Evidence(0, "tar archive without pickle members (" + r.members + " members)"));
      return null;
    }
    boolean torch = r.torchMembers == 4;
    evidence.add(new Evidence(0, r.members + " members; pickle streams in " + r.pickles + " of them"
        + (torch ? "; members sys_info, pickle, storages and tensors: torch.save's legacy tar format" : " (archive member)")));
    return Match.of(torch ? FormatId.TORCH_LEGACY : FormatId.UNKNOWN, evidence, scanner.result());
  }

  static boolean isTar(byte[] header, int length) {
    return length >= 512 && header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a' && header[261] == 'r';
  }

  record Result(int members, int pickles, int torchMembers) {}

  /** Walks the headers of a tar stream; members that start like pickles are walked, the rest skipped. */
  static Result examine(InputStream in, PickleScanner scanner, String outer, boolean scan) throws IOException {
    String kindBefore = scanner.evidenceClass(PickleScan.ARCHIVE_MEMBER);
    try {
      return examineMembers(in, scanner, outer, scan);
    } finally {
      scanner.evidenceClass(kindBefore);
    }
  }

  private static Result examineMembers(InputStream in, PickleScanner scanner, String outer, boolean scan) throws IOException {
    byte[] header = new byte[512];
    int members = 0;
    int pickles = 0;
    int torch = 0;
    long offset = 0;
    while (true) {
      int got = in.readNBytes(header, 0, 512);
      if (got < 512 || allZero(header)) {
        break;
      }
      if (!isTar(header, 512)) {
        scanner.incomplete(outer + "tar", offset, "tar header without the ustar magic: later members not examined");
        break;
      }
      if (members >= MAX_MEMBERS) {
        scanner.incomplete(outer + "tar", offset, "more than " + MAX_MEMBERS + " members: the rest not examined");
        break;
      }
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      String full = prefix.isEmpty() ? name : prefix + "/" + name;
      long size = octal(header, 124, 12);
      if (size < 0) {
        scanner.incomplete(outer + full, offset, "unreadable member size: later members not examined");
        break;
      }
      char type = (char) header[156];
      offset += 512;
      long padded = (size + 511) / 512 * 512;
      members++;
      if (TORCH_MEMBERS.contains(full)) {
        torch++;
      }
      if ((type == '0' || type == 0 || type == '7') && size > 0) {
        CappedMember body = new CappedMember(in, size);
        body.mark(16);
        byte[] head = body.readNBytes(8);
        body.reset();
        boolean pickle = head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5;
        if (scan && (full.equals("storages") || full.equals("tensors"))) {
          records(body, scanner, outer + full, full.equals("storages"));
          pickles++;
        } else if (scan && (pickle || TORCH_MEMBERS.contains(full))) {
          PickleStreams.scanAll(scanner, body, outer + full);
          pickles++;
        } else if (scan && head.length >= 2 && PickleScanner.mayStartPickle(head[0] & 0xFF)) {
          if (scanner.guess(body, outer + full)) {
            pickles++;
          }
        } else if (!scan && pickle) {
          pickles++;
          scanner.incomplete("pickle scan disabled");
        }
        body.skipRest();
        in.skipNBytes(padded - size);
      } else {
        in.skipNBytes(padded);
      }
      offset += padded;
    }
    return new Result(members, pickles, torch);
  }

  /** Bytes per element of the legacy storage classes, as torch's {@code _element_size} gives them. */
  private static final java.util.Map<String, Integer> ELEMENT_SIZE = java.util.Map.ofEntries(
      java.util.Map.entry("torch.FloatStorage", 4), java.util.Map.entry("torch.DoubleStorage", 8), java.util.Map.entry("torch.HalfStorage", 2),
      java.util.Map.entry("torch.BFloat16Storage", 2), java.util.Map.entry("torch.LongStorage", 8), java.util.Map.entry("torch.IntStorage", 4),
      java.util.Map.entry("torch.ShortStorage", 2), java.util.Map.entry("torch.CharStorage", 1), java.util.Map.entry("torch.ByteStorage", 1),
      java.util.Map.entry("torch.BoolStorage", 1), java.util.Map.entry("torch.ComplexFloatStorage", 8),
      java.util.Map.entry("torch.ComplexDoubleStorage", 16));
  private static final int MAX_RECORDS = 1 << 20;

  /**
   * The {@code storages} or {@code tensors} member of torch's tar format, as its legacy loader reads
   * it: a pickled count, then per record a pickled tuple followed by raw bytes (a storage: an
   * 8-byte element count and the elements, sized by the storage class; a tensor: ndim, 4 bytes,
   * sizes, strides and an offset), then (storages) the pickled views. Every pickle is walked; raw
   * bytes whose size cannot be told end the walk with a gap.
   */
  private static void records(CappedMember body, PickleScanner scanner, String where, boolean storages) throws IOException {
    PickleScanner.Outcome count = PickleStreams.scan(scanner, body, where);
    if (count == null || !count.clean()) {
      return;
    }
    long n = scanner.resultInt();
    if (n < 0 || n > MAX_RECORDS) {
      scanner.incomplete(where, 0, "record count not a small int: the records are not walked");
      return;
    }
    java.io.DataInputStream raw = new java.io.DataInputStream(body);
    for (long i = 0; i < n; i++) {
      PickleScanner.Outcome args = PickleStreams.scan(scanner, body, where);
      if (args == null || !args.clean()) {
        return;
      }
      if (storages) {
        String storageClass = scanner.resultTupleGlobal(2);
        Integer size = storageClass == null ? null : ELEMENT_SIZE.get(storageClass);
        if (size == null) {
          scanner.incomplete(where, -1, "storage record " + i + " without a known storage class: its bytes cannot be sized");
          return;
        }
        long elements = Long.reverseBytes(raw.readLong());
        if (elements < 0 || elements > (Long.MAX_VALUE / 16)) {
          scanner.incomplete(where, -1, "storage record " + i + " declares " + elements + " elements");
          return;
        }
        raw.skipNBytes(elements * size);
      } else {
        int ndim = Integer.reverseBytes(raw.readInt());
        if (ndim < 0 || ndim > 64) {
          scanner.incomplete(where, -1, "tensor record " + i + " declares " + ndim + " dimensions");
          return;
        }
        raw.skipNBytes(4 + 16L * ndim + 8);
      }
    }
    if (storages && hasMore(body)) {
      PickleStreams.scan(scanner, body, where); // the storage views
    }
    if (hasMore(body)) {
      PickleStreams.scanAll(scanner, body, where); // bytes after the records: walked like further pickles
    }
  }

  private static boolean hasMore(CappedMember body) throws IOException {
    body.mark(1);
    boolean more = body.read() >= 0;
    body.reset();
    return more;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String field(byte[] h, int at, int length) {
    int end = at;
    while (end < at + length && h[end] != 0) {
      end++;
    }
    return new String(h, at, end - at, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int at, int length) {
    long v = 0;
    boolean any = false;
    for (int i = at; i < at + length; i++) {
      int c = h[i] & 0xFF;
      if (c == 0 || c == ' ') {
        if (any) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7') {
        return -1;
      }
      v = v * 8 + (c - '0');
      any = true;
      if (v > (1L << 40)) {
        return -1;
      }
    }
    return v;
  }

  /** The next {@code size} bytes of a tar stream, with mark/reset for a peek. */
  private static final class CappedMember extends java.io.BufferedInputStream {
    private final Bounded bounded;

    CappedMember(InputStream in, long size) {
      this(new Bounded(in, size));
    }

    private CappedMember(Bounded bounded) {
      super(bounded, 512);
      this.bounded = bounded;
    }

    /** Skips the member's unread bytes in the tar stream (what the buffer holds is the member's own). */
    void skipRest() throws IOException {
      bounded.skipRest();
    }
  }

  private static final class Bounded extends InputStream {
    private final InputStream in;
    long left;

    Bounded(InputStream in, long size) {
      this.in = in;
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = in.skip(Math.min(n, left));
      left -= Math.max(0, s);
      return s;
    }

    void skipRest() throws IOException {
      in.skipNBytes(left);
      left = 0;
    }
  }
}
