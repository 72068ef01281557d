package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip archive's central directory, read from the tail: the end-of-central-directory record is
 * searched in the last 65,557 bytes (a short tail first), ZIP64 records are followed when the
 * classic fields are saturated, and every offset and size is checked against the file before use.
 * Entries are only located, never decompressed here.
 */
final class ZipDirectory {
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;
  static final int MAX_ENTRIES = 100_000;

  /** One central directory entry. */
  record Entry(String name, int method, int flags, long compressedSize, long size, long localHeaderOffset) {}

  final List<Entry> entries;
  final long eocdOffset;
  final boolean zip64;
  /** True when not every entry the end record declares was read (entry bound, broken directory). */
  final boolean truncated;

  private ZipDirectory(List<Entry> entries, long eocdOffset, boolean zip64, boolean truncated) {
    this.entries = entries;
    this.eocdOffset = eocdOffset;
    this.zip64 = zip64;
    this.truncated = truncated;
  }

  /** Reads the directory, or returns {@code null} and explains why in {@code notes}. */
  static ZipDirectory read(Probe probe, List<Evidence> notes) throws IOException {
    long eocd = findEocd(probe, 1024 + 22);
    if (eocd < 0) {
      eocd = findEocd(probe, 65_557 + 22);
    }
    if (eocd < 0) {
      notes.add(new Evidence(probe.size, "no end-of-central-directory record in the last 65,557 bytes"));
      return null;
    }
    ByteBuffer e = probe.range(eocd, 22);
    long entries = e.getShort(10) & 0xFFFF;
    long cdSize = Integer.toUnsignedLong(e.getInt(12));
    long cdOffset = Integer.toUnsignedLong(e.getInt(16));
    boolean zip64 = false;
    if (entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
      ByteBuffer locator = eocd >= 20 ? probe.range(eocd - 20, 20) : ByteBuffer.allocate(0);
      if (locator.limit() == 20 && locator.getInt(0) == ZIP64_LOCATOR) {
        long recordAt = locator.getLong(8);
        ByteBuffer z = recordAt >= 0 && recordAt + 56 <= eocd ? probe.range(recordAt, 56) : ByteBuffer.allocate(0);
        if (z.limit() == 56 && z.getInt(0) == ZIP64_EOCD) {
          entries = z.getLong(32);
          cdSize = z.getLong(40);
          cdOffset = z.getLong(48);
          zip64 = true;
        }
      }
    }
    if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > eocd || cdOffset + cdSize < cdOffset) {
      notes.add(new Evidence(eocd, "central directory (offset " + cdOffset + ", " + cdSize + " bytes) lies outside the file"));
      return null;
    }
    // The whole directory is parsed as a stream, however large (an archive of tens of thousands
    // of entries must not hide a member past a cap); only the entry count is bounded.
    List<Entry> list = new ArrayList<>();
    boolean truncated = false;
    probe.purpose("zip central directory of " + cdSize + " bytes (read whole: a member may sit after any number of entries)");
    // A directory within one range is read as one (usually from the tail window); a larger one is streamed.
    InputStream source = cdSize <= Probe.MAX_RANGE
        ? new java.io.ByteArrayInputStream(byteArray(probe.range(cdOffset, (int) cdSize)))
        : new java.io.BufferedInputStream(new SourceInputStream(probe, cdOffset, cdOffset + cdSize), 1 << 16);
    try (java.io.DataInputStream cd = new java.io.DataInputStream(source)) {
      byte[] fixed = new byte[46];
      long p = 0;
      while (p + 46 <= cdSize) {
        if (list.size() >= MAX_ENTRIES) {
          truncated = true;
          break;
        }
        cd.readFully(fixed);
        ByteBuffer h = ByteBuffer.wrap(fixed).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != CENTRAL) {
          notes.add(new Evidence(cdOffset + p, "central directory entry without PK\\x01\\x02 signature"));
          truncated = true;
          break;
        }
        int method = h.getShort(10) & 0xFFFF;
        int flags = h.getShort(8) & 0xFFFF;
        long compressed = Integer.toUnsignedLong(h.getInt(20));
        long size = Integer.toUnsignedLong(h.getInt(24));
        int nameLength = h.getShort(28) & 0xFFFF;
        int extraLength = h.getShort(30) & 0xFFFF;
        int commentLength = h.getShort(32) & 0xFFFF;
        long local = Integer.toUnsignedLong(h.getInt(42));
        if (p + 46 + nameLength + extraLength > cdSize) {
          truncated = true;
          break;
        }
        byte[] nameBytes = new byte[nameLength];
        cd.readFully(nameBytes);
        byte[] extra = new byte[extraLength];
        cd.readFully(extra);
        String name = new String(nameBytes, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        // ZIP64 extended information: the saturated fields, in this order.
        ByteBuffer x = ByteBuffer.wrap(extra).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int q0 = 0;
        while (q0 + 4 <= extraLength) {
          int id = x.getShort(q0) & 0xFFFF;
          int len = x.getShort(q0 + 2) & 0xFFFF;
          if (q0 + 4 + len > extraLength) {
            break;
          }
          if (id == 0x0001) {
            int q = q0 + 4;
            if (size == 0xFFFFFFFFL && q + 8 <= q0 + 4 + len) {
              size = x.getLong(q);
              q += 8;
            }
            if (compressed == 0xFFFFFFFFL && q + 8 <= q0 + 4 + len) {
              compressed = x.getLong(q);
              q += 8;
            }
            if (local == 0xFFFFFFFFL && q + 8 <= q0 + 4 + len) {
              local = x.getLong(q);
            }
          }
          q0 += 4 + len;
        }
        list.add(new Entry(name, method, flags, compressed, size, local));
        long skip = Math.min(commentLength, cdSize - (p + 46 + nameLength + extraLength));
        cd.skipNBytes(skip);
        p += 46 + nameLength + extraLength + commentLength;
      }
    } catch (java.io.EOFException cut) {
      truncated = true;
    }
    return new ZipDirectory(List.copyOf(list), eocd, zip64, truncated);
  }

  private static byte[] byteArray(ByteBuffer b) {
    if (b.hasArray() && b.arrayOffset() == 0 && b.limit() == b.array().length) {
      return b.array();
    }
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static long findEocd(Probe probe, int window) throws IOException {
    if (probe.size < 22) {
      return -1;
    }
    ByteBuffer tail = probe.tail(window);
    long base = probe.size - tail.limit();
    // Prefer a record whose comment ends exactly at the end of the file (a comment may itself
    // contain the signature); accept trailing bytes after it only when no exact record exists.
    long loose = -1;
    for (int i = tail.limit() - 22; i >= 0; i--) {
      if (tail.getInt(i) == EOCD) {
        int commentLength = tail.getShort(i + 20) & 0xFFFF;
        if (i + 22 + commentLength == tail.limit()) {
          return base + i;
        }
        if (loose < 0 && i + 22 + commentLength < tail.limit()) {
          loose = base + i;
        }
      }
    }
    return loose;
  }

  /**
   * The first {@code n} bytes of a stored entry, read without opening a stream (for examining
   * many members cheaply); empty when the local header does not fit.
   */
  static byte[] peekStored(Probe probe, Entry entry, int n) throws IOException {
    ByteBuffer local = probe.range(entry.localHeaderOffset(), 30);
    if (local.limit() < 30 || local.getInt(0) != LOCAL) {
      return new byte[0];
    }
    long dataStart = entry.localHeaderOffset() + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
    ByteBuffer head = probe.range(dataStart, (int) Math.max(0, Math.min(n, entry.compressedSize())));
    byte[] out = new byte[head.limit()];
    head.get(out);
    return out;
  }

  /**
   * The raw bytes of an entry as a stream (stored: the bytes; deflated: inflated under the
   * decompression cap), or {@code null} when its local header or extent does not fit the file.
   */
  static InputStream open(Probe probe, Entry entry, List<String> problems) throws IOException {
    ByteBuffer local = probe.range(entry.localHeaderOffset(), 30);
    if (local.limit() < 30 || local.getInt(0) != LOCAL) {
      problems.add("entry " + entry.name() + ": no local header at offset " + entry.localHeaderOffset());
      return null;
    }
    int localNameLength = local.getShort(26) & 0xFFFF;
    long dataStart = entry.localHeaderOffset() + 30 + localNameLength + (local.getShort(28) & 0xFFFF);
    // Like PyTorch's reader, flags and CRCs are not consulted (a set encryption bit or a wrong CRC
    // does not stop torch.load), but the local header must describe the same entry.
    ByteBuffer localName = probe.range(entry.localHeaderOffset() + 30, Math.min(localNameLength, 4096));
    String seen = java.nio.charset.StandardCharsets.UTF_8.decode(localName).toString();
    if (!seen.equals(entry.name())) {
      problems.add("entry " + entry.name() + ": local header at offset " + entry.localHeaderOffset() + " names '" + seen
          + "', not the central directory's name (scanned with the local header's lengths)");
    }
    long dataEnd = dataStart + entry.compressedSize();
    if (entry.compressedSize() < 0 || dataEnd > probe.size || dataEnd < dataStart) {
      problems.add("entry " + entry.name() + ": declared size runs past the end of the file");
      return null;
    }
    return switch (entry.method()) {
      case 0 -> PickleStreams.region(probe, dataStart, dataEnd);
      case 8 -> PickleStreams.inflated(probe, dataStart, dataEnd);
      default -> {
        problems.add("entry " + entry.name() + ": compression method " + entry.method() + " not read");
        yield null;
      }
    };
  }
}
