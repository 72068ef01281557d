package org.modelevolution.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The thirteen bypass classes of issue 19, several encodings each (protocols 0-5, memo forms,
 * string opcodes, container layouts), and the benign set: real-shaped state dicts of protocols
 * 0-5, torch zip and legacy files, numpy, joblib and sklearn pickles. Each case is derived from how
 * CPython's unpickler, torch.load, numpy.load, joblib.load and pandas.read_pickle read bytes; all
 * are written opcode by opcode.
 */
final class BypassClasses {
  private BypassClasses() {}

  private static final String C1 = "1. memo";
  private static final String C2 = "2. stream shapes";
  private static final String C3 = "3. nested pickles";
  private static final String C4 = "4. allow-list aliases";
  private static final String C5 = "5. torch zip";
  private static final String C6 = "6. legacy torch";
  private static final String C7 = "7. archives, compression";
  private static final String C8 = "8. numpy";
  private static final String C9 = "9. joblib";
  private static final String C10 = "10. polyglots";
  private static final String C11 = "11. escapes";
  private static final String C12 = "12. severity";
  private static final String C13 = "13. format";

  private static void add(List<BypassCorpus.Case> c, String klass, String file, byte[] bytes, String format, String verdict,
      String completeness, String mustImport, String bypass) {
    c.add(new BypassCorpus.Case(file, bytes, format, verdict, completeness, mustImport, bypass, klass));
  }

  /** os.system('id') as a protocol-0 text pickle (no PROTO). */
  static byte[] evilText() {
    return Pickles.text().global("os", "system").op('(').ascii("S'id'\n").op('t', 'R').stop().bytes();
  }

  static byte[] evil(int protocol) {
    if (protocol == 0) {
      return evilText();
    }
    if (protocol == 1) {
      return Pickles.text().global("os", "system").op('(').op('X').u32(2).ascii("id").op('t', 'R').stop().bytes();
    }
    if (protocol >= 4) {
      return Pickles.protocol(protocol).shortUnicode("os").op(0x94).shortUnicode("system").op(0x94).op(0x93, 0x94)
          .shortUnicode("id").op(0x94, 0x85, 'R', 0x94).stop().bytes();
    }
    return Pickles.protocol(protocol).call("os", "system", "id").stop().bytes();
  }

  static void add(List<BypassCorpus.Case> c) throws IOException {
    memo(c);
    streamShapes(c);
    nested(c);
    aliases(c);
    torchZips(c);
    legacy(c);
    archives(c);
    numpy(c);
    joblib(c);
    polyglots(c);
    escapes(c);
    severity(c);
    format(c);
    benign(c);
  }

  // ---------------------------------------------------------------- 1. memo

  private static void memo(List<BypassCorpus.Case> c) {
    // CPython: BINPUT 1 fills one index; MEMOIZE stores at the count of filled indexes (1),
    // overwriting; a scanner that numbers MEMOIZE by its own counter puts "os" at 2.
    add(c, C1, "memo_memoize_overwrites_put.pkl", Pickles.protocol(4)
        .shortUnicode("os").op('q', 1).op('0')
        .shortUnicode("collections").op(0x94).op('0')
        .shortUnicode("os").op(0x94).op('0')
        .shortUnicode("system").op('q', 2).op('0')
        .op('h', 1).op('h', 2).op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "MEMOIZE after BINPUT overwrites index 1");
    add(c, C1, "memo_long_binput_p5.pkl", Pickles.protocol(5)
        .shortUnicode("posix").op('r').u32(1).op('0')
        .shortUnicode("collections").op(0x94).op('0')
        .shortUnicode("posix").op(0x94).op('0')
        .shortUnicode("system").op('r').u32(2).op('0')
        .op('j').u32(1).op('j').u32(2).op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "posix.system", "LONG_BINPUT/LONG_BINGET with MEMOIZE overwrite");
    add(c, C1, "memo_text_put_overwrite_p0.pkl", Pickles.text()
        .global("collections", "OrderedDict").ascii("p0\n0").global("os", "system").ascii("p0\n0")
        .ascii("g0\n").op('(').ascii("S'id'\n").op('t', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "protocol-0 PUT overwrites key 0 before GET");
    add(c, C1, "memo_underscore_key_p0.pkl", Pickles.text()
        .global("os", "system").ascii("p1_0\n0").ascii("g10\n").op('(').ascii("S'id'\n").op('t', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "PUT key written 1_0 (Python int() syntax)");
    add(c, C1, "memo_memoize_chain_p4.pkl", Pickles.protocol(4)
        .shortUnicode("builtins").op('q', 0).op('0')
        .shortUnicode("x").op(0x94).op('0') // fills index 1
        .shortUnicode("eval").op('q', 1).op('0') // overwrites index 1
        .op('h', 0).op('h', 1).op(0x93).shortUnicode("1").op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "builtins.eval", "BINPUT overwrites what MEMOIZE stored");
  }

  // ---------------------------------------------------------------- 2. stream shapes

  private static void streamShapes(List<BypassCorpus.Case> c) {
    add(c, C2, "shape_mark_left_p0.pkl", BypassCorpus.concat(new byte[] {'('}, evilText()),
        "pickle", "dangerous", "complete", "os.system", "a MARK left under the result at STOP (protocol 0)");
    add(c, C2, "shape_none_left_p1.pkl", BypassCorpus.concat(new byte[] {'N'}, evil(1)),
        "pickle", "dangerous", "complete", "os.system", "None left under the result at STOP (protocol 1)");
    add(c, C2, "shape_concat_p0.pkl", BypassCorpus.concat(Pickles.text().op('(').op('d').stop().bytes(), evilText()),
        "pickle", "dangerous", "complete", "os.system", "a benign protocol-0 pickle, then a hostile one");
    add(c, C2, "shape_trailing_p2.pkl", BypassCorpus.concat(evil(2), "trailing text after STOP".getBytes(StandardCharsets.US_ASCII)),
        "pickle", "dangerous", null, "os.system", "bytes after STOP");
    add(c, C2, "shape_mark_left_p4.pkl", BypassCorpus.concat(Pickles.protocol(4).op('(').bytes(),
        java.util.Arrays.copyOfRange(evil(4), 2, evil(4).length)),
        "pickle", "dangerous", "complete", "os.system", "a MARK left at STOP (protocol 4)");
    add(c, C2, "shape_no_import_cut_p2.pkl", Pickles.protocol(2).op('}', '(').unicode("a").op('K', 1).bytes(),
        "pickle", "suspicious", "incomplete", null, "a pickle cut before STOP with no import: suspicious + incomplete");
    add(c, C2, "shape_concat_p3_p0.pkl", BypassCorpus.concat(Pickles.protocol(3).op('}').stop().bytes(), evilText()),
        "pickle", "dangerous", null, "os.system", "a protocol-3 pickle followed by a protocol-0 one");
  }

  // ---------------------------------------------------------------- 3. nested pickles

  private static Pickles loadFromBytes(int protocol) {
    return Pickles.protocol(protocol).global("torch.storage", "_load_from_bytes").op('(');
  }

  private static void nested(List<BypassCorpus.Case> c) throws IOException {
    add(c, C3, "nested_short_binbytes_p0_inner.pkl", loadFromBytes(3).op('C', evilText().length).raw(evilText()).op('t', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "SHORT_BINBYTES holding a protocol-0 pickle (no PROTO)");
    byte[] nops = BypassCorpus.concat("N0(1".getBytes(StandardCharsets.US_ASCII), evil(2));
    add(c, C3, "nested_bytearray8_leading_nops.pkl", loadFromBytes(5).op(0x96).u64(nops.length).raw(nops).op('t', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "BYTEARRAY8 whose pickle starts with no-op opcodes before PROTO");
    Pickles list = loadFromBytes(2).global("builtins", "bytes").op('(', ']', '(');
    for (byte b : evil(2)) {
      list.op('K', b & 0xFF);
    }
    add(c, C3, "nested_bytes_of_list.pkl", list.op('e', 't', 'R', 't', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "builtins.bytes over a list of ints (APPENDS)");
    Pickles tuple = loadFromBytes(2).global("builtins", "bytearray").op('(', '(');
    for (byte b : evil(3)) {
      tuple.op('K', b & 0xFF);
    }
    add(c, C3, "nested_bytearray_of_tuple.pkl", tuple.op('t', 't', 'R', 't', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "builtins.bytearray over a tuple of ints");
    StringBuilder escaped = new StringBuilder();
    for (byte b : evil(2)) {
      escaped.append(String.format("\\x%02x", b & 0xFF));
    }
    add(c, C3, "nested_codecs_string_escapes_p0.pkl", Pickles.text().global("torch.storage", "_load_from_bytes").op('(')
        .global("_codecs", "encode").op('(').ascii("S'" + escaped + "'\n").ascii("S'latin1'\n").op('t', 'R').op('t', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "_codecs.encode of a protocol-0 STRING with \\x escapes");
    byte[] zip = BypassCorpus.torchZip(evil(2), 0, false, null);
    add(c, C3, "nested_zip_in_binbytes.pkl", loadFromBytes(3).binBytes(zip).op('t', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "a torch zip in the bytes argument (torch.load reads zips)");
    byte[] deep = evil(2);
    for (int i = 0; i < 6; i++) {
      deep = loadFromBytes(3).binBytes(deep).op('t', 'R').stop().bytes();
    }
    add(c, C3, "nested_past_depth_limit.pkl", deep, "pickle", "suspicious", "incomplete", null,
        "nested six levels deep: past the bound is incomplete, never skipped");
    byte[] longInner = BypassCorpus.concat(Pickles.text().op('(').ascii("S'" + "a".repeat(400) + "'\n").op('0', '1').bytes(), evilText());
    add(c, C3, "nested_long_protocol0_payload.pkl", loadFromBytes(3).binBytes(longInner).op('t', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "a long (streamed) payload holding a protocol-0 pickle");
    add(c, C3, "nested_memoized_bytes_p4.pkl", Pickles.protocol(4).binBytes(evil(4)).op(0x94, '0')
        .shortUnicode("torch.storage").shortUnicode("_load_from_bytes").op(0x93).op('h', 0).op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "bytes pushed first, memoized, fetched after the callable");
  }

  // ---------------------------------------------------------------- 4. aliases

  private static void aliases(List<BypassCorpus.Case> c) {
    add(c, C4, "alias_sklearn_np_load.pkl", Pickles.protocol(4).shortUnicode("sklearn.linear_model._base").shortUnicode("np.load")
        .op(0x93).shortUnicode("x.npy").op(0x85, 'R').stop().bytes(),
        "pickle", "suspicious", "complete", "sklearn.linear_model._base.np.load", "re-exported numpy under an allowed module tree");
    add(c, C4, "alias_sklearn_np_testing.pkl", Pickles.protocol(5).shortUnicode("sklearn.svm._classes").shortUnicode("np.testing.assert_")
        .op(0x93).shortUnicode("x").op(0x85, 'R').stop().bytes(),
        "pickle", "suspicious", "complete", null, "attribute chain into numpy.testing");
    add(c, C4, "alias_module_object_p2.pkl", Pickles.protocol(2).global("sklearn.tree._classes", "np").op('}', 'b').stop().bytes(),
        "pickle", "suspicious", "complete", "sklearn.tree._classes.np", "the re-exported module itself, then BUILD on it");
    add(c, C4, "alias_torch_rebuild_globals.pkl", Pickles.protocol(4).shortUnicode("torch._utils").shortUnicode("_rebuild_tensor_v2.__globals__")
        .op(0x93).stop().bytes(),
        "pickle", "dangerous", "complete", null, "dunder chain from an exact allow entry");
    add(c, C4, "alias_sklearn_os_p0.pkl", Pickles.text().global("sklearn.utils", "_joblib.os.system").op('(').ascii("S'id'\n").op('t', 'R').stop().bytes(),
        "pickle", "dangerous", "complete", null, "dotted GLOBAL name reaching os.system");
  }

  // ---------------------------------------------------------------- 5. torch zip

  /** A zip of (name, bytes, deflate) members, written in order. */
  static byte[] zip(List<Object[]> members) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (Object[] m : members) {
      byte[] name = ((String) m[0]).getBytes(StandardCharsets.UTF_8);
      byte[] body = (byte[]) m[1];
      boolean deflate = m.length > 2 && Boolean.TRUE.equals(m[2]);
      byte[] stored = body;
      if (deflate) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(body);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
          z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        stored = z.toByteArray();
      }
      CRC32 crc = new CRC32();
      crc.update(body);
      int offset = out.size();
      int method = deflate ? 8 : 0;
      le(out, 0x04034b50, 4); le(out, 20, 2); le(out, 0, 2); le(out, method, 2); le(out, 0, 4);
      le(out, crc.getValue(), 4); le(out, stored.length, 4); le(out, body.length, 4); le(out, name.length, 2); le(out, 0, 2);
      out.writeBytes(name);
      out.writeBytes(stored);
      le(central, 0x02014b50, 4); le(central, 20, 2); le(central, 20, 2); le(central, 0, 2); le(central, method, 2); le(central, 0, 4);
      le(central, crc.getValue(), 4); le(central, stored.length, 4); le(central, body.length, 4); le(central, name.length, 2);
      le(central, 0, 2); le(central, 0, 2); le(central, 0, 2); le(central, 0, 2); le(central, 0, 4); le(central, offset, 4);
      central.writeBytes(name);
    }
    int cdOffset = out.size();
    out.writeBytes(central.toByteArray());
    int n = Math.min(members.size(), 0xFFFF);
    le(out, 0x06054b50, 4); le(out, 0, 2); le(out, 0, 2); le(out, n, 2); le(out, n, 2);
    le(out, central.size(), 4); le(out, cdOffset, 4); le(out, 0, 2);
    return out.toByteArray();
  }

  private static Object[] member(String name, byte[] body) {
    return new Object[] {name, body};
  }

  private static byte[] version() {
    return "3\n".getBytes(StandardCharsets.US_ASCII);
  }

  private static void torchZips(List<BypassCorpus.Case> c) throws IOException {
    byte[] ok = BypassCorpus.benignStateDict();
    add(c, C5, "zip_extra_pkl.pt", zip(List.<Object[]>of(member("archive/data.pkl", ok), member("archive/extra.pkl", evil(2)), member("archive/version", version()))),
        "torch_zip", "dangerous", "complete", "os.system", "an extra *.pkl member");
    add(c, C5, "zip_nameless_pickle.pt", zip(List.<Object[]>of(member("archive/data.pkl", ok), member("archive/x", evil(4)), member("archive/version", version()))),
        "torch_zip", "dangerous", "complete", "os.system", "a pickle member without extension (CVE-2025-1889's class)");
    add(c, C5, "zip_duplicate_data_pkl.pt", zip(List.<Object[]>of(member("archive/data.pkl", ok), member("archive/data.pkl", evil(2)), member("archive/version", version()))),
        "torch_zip", "dangerous", "complete", "os.system", "a second data.pkl member");
    add(c, C5, "zip_case_variant.pt", zip(List.<Object[]>of(member("archive/DATA.PKL", evil(2)), member("archive/version", version()))),
        "torch_zip", "dangerous", "complete", "os.system", "DATA.PKL: PyTorch's reader matches names case-insensitively");
    List<Object[]> many = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      many.add(member("archive/data/" + i, new byte[0]));
    }
    many.add(member("archive/data.pkl", evil(2)));
    many.add(member("archive/version", version()));
    add(c, C5, "zip_20000_entries.pt", zip(many), "torch_zip", "dangerous", "complete", "os.system",
        "data.pkl after 20,000 dummy entries (a central directory over the old cap)");
    add(c, C5, "zip_deflated_p0_data_pkl.pt", zip(List.<Object[]>of(new Object[] {"archive/data.pkl", evilText(), true}, member("archive/version", version()))),
        "torch_zip", "dangerous", "complete", "os.system", "a deflated protocol-0 data.pkl");
    add(c, C5, "zip_other_prefix_member.pt", zip(List.<Object[]>of(member("archive/data.pkl", ok), member("archive/version", version()), member("other/data.pkl", evil(3)))),
        "torch_zip", "dangerous", "complete", "os.system", "a pickle outside the archive folder");
  }

  // ---------------------------------------------------------------- 6. legacy torch

  /** A legacy torch.save stream: magic, protocol version, sys_info, the object, storage keys, then raw storage bytes. */
  static byte[] legacy(int protocol, byte[] object) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (protocol < 2) {
      out.writeBytes("L119547037146038801333356L\n.".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes("I1001\n.".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes("(dp0\nS'little_endian'\np1\nI01\ns.".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(object);
      out.writeBytes("(lp0\nS'0'\np1\na.".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.writeBytes(Pickles.protocol(protocol).op(0x8a, 10).raw(new byte[] {0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19}).stop().bytes());
      out.writeBytes(Pickles.protocol(protocol).op('M').op(0xe9, 0x03).stop().bytes());
      out.writeBytes(Pickles.protocol(protocol).op('}').unicode("little_endian").op(0x88, 's').stop().bytes());
      out.writeBytes(object);
      out.writeBytes(Pickles.protocol(protocol).op(']').unicode("0").op('a').stop().bytes());
    }
    le(out, 4, 8);
    out.writeBytes(new byte[16]);
    return out.toByteArray();
  }

  static byte[] tar(List<Object[]> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object[] m : members) {
      byte[] body = (byte[]) m[1];
      byte[] h = new byte[512];
      byte[] name = ((String) m[0]).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(name, 0, h, 0, name.length);
      put(h, 100, "0000644\0");
      put(h, 108, "0000000\0");
      put(h, 116, "0000000\0");
      put(h, 124, String.format("%011o\0", body.length));
      put(h, 136, "00000000000\0");
      h[156] = '0';
      put(h, 257, "ustar\0");
      put(h, 263, "00");
      java.util.Arrays.fill(h, 148, 156, (byte) ' ');
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xFF;
      }
      put(h, 148, String.format("%06o\0 ", sum));
      out.writeBytes(h);
      out.writeBytes(body);
      out.writeBytes(new byte[(512 - body.length % 512) % 512]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }

  private static void legacy(List<BypassCorpus.Case> c) {
    add(c, C6, "legacy_p2_evil_object.pt", legacy(2, evil(2)), "torch_legacy", "dangerous", "complete", "os.system",
        "legacy magic-number stream whose object pickle is hostile (protocol 2)");
    add(c, C6, "legacy_p0_evil_object.pt", legacy(0, evilText()), "torch_legacy", "dangerous", "complete", "os.system",
        "legacy stream pickled with protocol 0 (the magic as LONG text)");
    add(c, C6, "legacy_p1_evil_object.pt", legacy(1, evil(1)), "torch_legacy", "dangerous", "complete", "os.system",
        "legacy stream pickled with protocol 1");
    add(c, C6, "legacy_p4_evil_object.pt", legacy(4, evil(4)), "torch_legacy", "dangerous", "complete", "os.system",
        "legacy stream pickled with protocol 4 (STACK_GLOBAL, MEMOIZE)");
    add(c, C6, "legacy_tar_evil_pickle.tar", tar(List.<Object[]>of(
        member("sys_info", Pickles.protocol(2).op('}').stop().bytes()),
        member("pickle", evil(2)),
        member("storages", Pickles.protocol(2).op('K', 0).stop().bytes()),
        member("tensors", Pickles.protocol(2).op('K', 0).stop().bytes()))),
        "torch_legacy", "dangerous", "complete", "os.system", "torch's tar format with a hostile 'pickle' member");
    add(c, C6, "legacy_tar_evil_storages.tar", tar(List.<Object[]>of(
        member("sys_info", Pickles.protocol(2).op('}').stop().bytes()),
        member("pickle", Pickles.protocol(2).op('}').stop().bytes()),
        member("storages", BypassCorpus.concat(Pickles.protocol(2).op('K', 1).stop().bytes(), evil(2))),
        member("tensors", Pickles.protocol(2).op('K', 0).stop().bytes()))),
        "torch_legacy", "dangerous", "incomplete", "os.system", "torch's tar format with a hostile storage record");
  }

  // ---------------------------------------------------------------- 7. archives and compression

  private static byte[] compress(byte[] data, String how) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    java.io.OutputStream z = switch (how) {
      case "bz2" -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(out);
      case "xz" -> new org.tukaani.xz.XZOutputStream(out, new org.tukaani.xz.LZMA2Options());
      default -> new java.util.zip.GZIPOutputStream(out);
    };
    z.write(data);
    z.close();
    return out.toByteArray();
  }

  private static void archives(List<BypassCorpus.Case> c) throws IOException {
    add(c, C7, "archive_zip_one_pickle.pkl.zip", zip(List.<Object[]>of(member("model.pkl", evil(2)))), "unknown", "dangerous", "complete", "os.system",
        "a zip holding one pickle (pandas.read_pickle opens .zip)");
    add(c, C7, "archive_tar_one_pickle.pkl.tar", tar(List.<Object[]>of(member("model.pkl", evil(4)))), "unknown", "dangerous", "complete", "os.system",
        "a tar holding one pickle (pandas.read_pickle opens .tar)");
    add(c, C7, "archive_bz2_pickle.pkl.bz2", compress(evil(2), "bz2"), "unknown", "dangerous", "complete", "os.system", "bz2 stream");
    add(c, C7, "archive_xz_pickle.pkl.xz", compress(evil(0), "xz"), "unknown", "dangerous", "complete", "os.system", "xz stream of a protocol-0 pickle");
    add(c, C7, "archive_gzip_cut_no_import.pkl.gz", compress(Pickles.protocol(2).op('}', '(').unicode("a").bytes(), "gz"),
        "unknown", "suspicious", "incomplete", null, "a decompressed pickle cut before any import: suspicious + incomplete");
    add(c, C7, "archive_zip_in_zip.zip", zip(List.<Object[]>of(member("inner.zip", zip(List.<Object[]>of(member("model.pkl", evil(2))))))),
        "unknown", "dangerous", "complete", "os.system", "a zip inside a zip");
    add(c, C7, "archive_tar_gz_pickle.tar.gz", compress(tar(List.<Object[]>of(member("model.pkl", evil(2)))), "gz"), "unknown", "dangerous", "complete",
        "os.system", "a gzip-compressed tar holding one pickle");
    add(c, C7, "archive_zstd.pkl.zst", BypassCorpus.concat(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0, 0x58}, new byte[16]),
        "unknown", "suspicious", "incomplete", null, "a zstd frame (not decoded here): never without a verdict");
  }

  // ---------------------------------------------------------------- 8. numpy

  static byte[] npy(String header, byte[] data) {
    int total = 10 + header.length() + 1;
    String padded = header + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    le(out, padded.length(), 2);
    out.writeBytes(padded.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  private static void numpy(List<BypassCorpus.Case> c) throws IOException {
    add(c, C8, "npy_key_order.npy", npy("{'shape': (1,), 'fortran_order': False, 'descr': '|O', }", evil(2)),
        "numpy_npy", "dangerous", "complete", "os.system", "descr after shape");
    add(c, C8, "npy_double_quotes.npy", npy("{\"descr\": \"|O\", \"fortran_order\": False, \"shape\": (1,)}", evil(3)),
        "numpy_npy", "dangerous", "complete", "os.system", "double-quoted keys and values");
    add(c, C8, "npy_escaped_o.npy", npy("{'descr': '|\\x4f', 'fortran_order': False, 'shape': (1,), }", evil(2)),
        "numpy_npy", "dangerous", "complete", "os.system", "the O written as \\x4f");
    add(c, C8, "npy_adjacent_literals.npy", npy("{'descr': '|' 'O', 'fortran_order': False, 'shape': (1,), }", evil(4)),
        "numpy_npy", "dangerous", "complete", "os.system", "'|' 'O': adjacent literals joined");
    add(c, C8, "npy_object_word.npy", npy("{'descr': 'object', 'fortran_order': False, 'shape': (1,), }", evil(2)),
        "numpy_npy", "dangerous", "complete", "os.system", "descr 'object'");
    add(c, C8, "npy_structured_object.npy", npy("{'descr': [('a', '<f4'), ('b', '|O')], 'fortran_order': False, 'shape': (1,), }", evil(2)),
        "numpy_npy", "dangerous", "complete", "os.system", "a structured dtype with an object field");
    byte[] objectNpy = BypassCorpus.npyObject(evil(2));
    add(c, C8, "npz_member_without_npy_name.npz", zip(List.<Object[]>of(member("a.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4])),
        member("payload", objectNpy))), "unknown", "dangerous", "complete", "os.system",
        "an object npy member not named *.npy (numpy.load reads any member by its magic)");
    add(c, C8, "npz_deflated_object.npz", zip(List.<Object[]>of(new Object[] {"x.npy", objectNpy, true})), "numpy_npz", "dangerous", "complete", "os.system",
        "a deflated object member");
  }

  // ---------------------------------------------------------------- 9. joblib

  private static Pickles joblibWrapper(Pickles p, String typestr, Pickles dtypeState, int count) {
    return p.shortUnicode("joblib.numpy_pickle").shortUnicode("NumpyArrayWrapper").op(0x93).op(')', 0x81)
        .op('}', '(')
        .shortUnicode("subclass").shortUnicode("numpy").shortUnicode("ndarray").op(0x93)
        .shortUnicode("shape").op('K', count).op(0x85)
        .shortUnicode("order").shortUnicode("C")
        .shortUnicode("dtype").shortUnicode("numpy").shortUnicode("dtype").op(0x93).shortUnicode(typestr).op(0x89, 0x88, 0x87, 'R')
        .raw(dtypeState.bytes()).op('b')
        .shortUnicode("allow_mmap").op(0x89)
        .op('u', 'b');
  }

  private static void joblib(List<BypassCorpus.Case> c) {
    // dtype state (3, '|', None, names, fields, itemsize, alignment, flags): flags 63 carries hasobject.
    Pickles objectFlags = Pickles.text().op('(').op('K', 3).shortUnicode("|").op('N').op('(').shortUnicode("a").op('t')
        .op('}').op('J').u32(8).op('K', 1).op('K', 63).op('t');
    add(c, C9, "joblib_structured_object.joblib",
        BypassCorpus.concat(joblibWrapper(Pickles.protocol(4), "V8", objectFlags, 1).bytes(), BypassCorpus.concat(evil(2), Pickles.text().stop().bytes())),
        "joblib", "dangerous", "complete", "os.system", "a structured dtype with hasobject: joblib unpickles what looks like raw bytes");
    Pickles noState = Pickles.text().op('N');
    add(c, C9, "joblib_structured_unknown.joblib",
        BypassCorpus.concat(joblibWrapper(Pickles.protocol(4), "V8", noState, 1).bytes(), BypassCorpus.concat(evil(2), Pickles.text().stop().bytes())),
        "joblib", "suspicious", "incomplete", null, "a structured dtype whose object flag cannot be read");
    add(c, C9, "joblib_object_array.joblib",
        BypassCorpus.concat(joblibWrapper(Pickles.protocol(3), "O8", Pickles.text().op('N'), 1).bytes(), BypassCorpus.concat(evil(0), Pickles.text().stop().bytes())),
        "joblib", "dangerous", "complete", "os.system", "an object array holding a protocol-0 pickle");
    add(c, C9, "joblib_ndarray_wrapper_file.pkl", Pickles.protocol(2).global("joblib.numpy_pickle", "NDArrayWrapper").op(')', 0x81)
        .op('}').unicode("filename").unicode("model.pkl_01.npy").op('s').op('b').stop().bytes(),
        "joblib", "suspicious", "incomplete", "joblib.numpy_pickle.NDArrayWrapper", "an old-joblib wrapper loading its array from another file");
  }

  // ---------------------------------------------------------------- 10. polyglots

  private static void polyglots(List<BypassCorpus.Case> c) {
    byte[] hdf5 = new byte[2048];
    System.arraycopy(evil(2), 0, hdf5, 0, evil(2).length);
    byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0};
    System.arraycopy(sig, 0, hdf5, 512, sig.length);
    add(c, C10, "polyglot_hdf5_user_block.h5", hdf5, "hdf5", "dangerous", "complete", "os.system", "a pickle in an HDF5 user block");
    byte[] hdf5p0 = hdf5.clone();
    java.util.Arrays.fill(hdf5p0, 0, 512, (byte) 0);
    System.arraycopy(evilText(), 0, hdf5p0, 0, evilText().length);
    add(c, C10, "polyglot_hdf5_user_block_p0.h5", hdf5p0, "hdf5", "dangerous", "complete", "os.system", "a protocol-0 pickle in an HDF5 user block");
    ByteArrayOutputStream gguf = new ByteArrayOutputStream();
    gguf.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    le(gguf, 3, 4);
    gguf.write(0); // the last byte BINFLOAT swallows
    gguf.writeBytes(evilText());
    gguf.writeBytes(new byte[64]);
    add(c, C10, "polyglot_gguf_header.gguf", gguf.toByteArray(), "gguf", "dangerous", "complete", "os.system", "a GGUF header read as BINFLOAT, then a pickle");
    byte[] tfl = new byte[2048];
    byte[] start = {'U', 6, 0, 0, 'T', 'F', 'L', '3', '0'};
    System.arraycopy(start, 0, tfl, 0, start.length);
    System.arraycopy(evilText(), 0, tfl, start.length, evilText().length);
    add(c, C10, "polyglot_tflite_header.tflite", tfl, "tflite", "dangerous", "complete", "os.system", "a TFLite root offset and identifier inside a SHORT_BINSTRING");
  }

  // ---------------------------------------------------------------- 11. escapes

  private static void escapes(List<BypassCorpus.Case> c) {
    add(c, C11, "escape_string_hex.pkl", Pickles.protocol(4).ascii("S'\\x6fs'\n").ascii("S'sys\\x74em'\n").op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "STRING with \\x escapes feeding STACK_GLOBAL");
    add(c, C11, "escape_string_octal.pkl", Pickles.protocol(4).ascii("S'\\157s'\n").ascii("S\"system\"\n").op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "STRING with an octal escape and double quotes");
    add(c, C11, "escape_unicode_u.pkl", Pickles.protocol(4).ascii("V\\u006fs\n").ascii("Vsystem\n").op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "os.system", "UNICODE with a \\u escape");
    add(c, C11, "escape_unicode_big_u.pkl", Pickles.protocol(5).ascii("Vpo\\U00000073ix\n").ascii("Vsystem\n").op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "posix.system", "UNICODE with a \\U escape");
  }

  // ---------------------------------------------------------------- 12. severity

  private static void severity(List<BypassCorpus.Case> c) {
    add(c, C12, "severity_mlflow_load_model.pkl", Pickles.protocol(2).call("mlflow.pyfunc", "load_model", "runs:/x").stop().bytes(),
        "pickle", "dangerous", "complete", "mlflow.pyfunc.load_model", "mlflow's loader");
    add(c, C12, "severity_pandas_read_pickle.pkl", Pickles.protocol(2).call("pandas", "read_pickle", "/tmp/x").stop().bytes(),
        "pickle", "dangerous", "complete", "pandas.read_pickle", "pandas.read_pickle loads another pickle");
    add(c, C12, "severity_six_moves.pkl", Pickles.protocol(2).call("six.moves.builtins", "eval", "1").stop().bytes(),
        "pickle", "dangerous", "complete", "six.moves.builtins.eval", "six.moves alias of builtins");
    add(c, C12, "severity_random_os.pkl", Pickles.protocol(4).shortUnicode("random").shortUnicode("_os.system").op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "pickle", "dangerous", "complete", "random._os.system", "random._os is the os module");
    add(c, C12, "severity_random_os_p0.pkl", Pickles.text().global("random", "_os").op('}', 'b').stop().bytes(),
        "pickle", "dangerous", "complete", "random._os", "random._os by GLOBAL");
  }

  // ---------------------------------------------------------------- 13. format regression

  private static void format(List<BypassCorpus.Case> c) {
    add(c, C13, "text_python_source.py.pkl", "import os\nimport sys\n\nprint(os.name)\n".getBytes(StandardCharsets.US_ASCII),
        "unknown", "not_applicable", "complete", null, "Python source starting with INST letters: no import can resolve");
    add(c, C13, "text_c_word.txt.pkl", "cat file.txt\nname is here\n(and more)\n".getBytes(StandardCharsets.US_ASCII),
        "unknown", "not_applicable", "complete", null, "text starting with 'c' whose lines are not identifiers");
    add(c, C13, "p0_import_then_garbage.pkl", BypassCorpus.concat(Pickles.text().global("os", "system").op('(').ascii("S'id'\n").op('t', 'R').bytes(),
        "\u0000garbage".getBytes(StandardCharsets.ISO_8859_1)),
        "pickle", "dangerous", "incomplete", "os.system", "a real protocol-0 pickle with a valid import, then garbage");
    add(c, C13, "p0_bad_module_then_call.pkl", "cos system\nx\n(S'id'\ntR.".getBytes(StandardCharsets.US_ASCII),
        "unknown", "not_applicable", "complete", null, "GLOBAL of 'os system' (a space): cannot import, nothing runs");
  }

  // ---------------------------------------------------------------- benign

  /** A torch state dict of two tensors as torch.save pickles it, in {@code protocol} (0-5). */
  static byte[] stateDict(int protocol) {
    if (protocol < 2) {
      StringBuilder t = new StringBuilder();
      t.append("ccollections\nOrderedDict\np0\n(tRp1\n");
      for (String key : new String[] {"fc.weight", "fc.bias"}) {
        t.append("S'").append(key).append("'\n");
        t.append("ctorch._utils\n_rebuild_tensor_v2\n(");
        t.append("(S'storage'\nctorch\nFloatStorage\nS'0'\nS'cpu'\nI4\ntQ");
        t.append("I0\n(I2\nI2\nt(I2\nI1\ntI00\ng0\n(tRtR");
        t.append("s");
      }
      t.append(".");
      return t.toString().getBytes(StandardCharsets.US_ASCII);
    }
    Pickles p = Pickles.protocol(protocol);
    if (protocol >= 4) {
      p.op(0x95).u64(0);
      p.shortUnicode("collections").shortUnicode("OrderedDict").op(0x93).op(0x94).op(')', 'R', 0x94, '(');
      for (String key : new String[] {"fc.weight", "fc.bias"}) {
        p.shortUnicode(key).op(0x94).shortUnicode("torch._utils").shortUnicode("_rebuild_tensor_v2").op(0x93).op(0x94).op('(')
            .op('(').shortUnicode("storage").shortUnicode("torch").shortUnicode("FloatStorage").op(0x93).op(0x94)
            .shortUnicode("0").shortUnicode("cpu").op('K', 4).op('t', 'Q')
            .op('K', 0).op('K', 2).op('K', 2).op(0x86).op('K', 2).op('K', 1).op(0x86).op(0x89).op('h', 0).op(')', 'R').op('t', 'R');
      }
      return p.op('u').stop().bytes();
    }
    p.global("collections", "OrderedDict").op('q', 0).op(')', 'R').op('q', 1).op('(');
    for (String key : new String[] {"fc.weight", "fc.bias"}) {
      p.unicode(key).global("torch._utils", "_rebuild_tensor_v2").op('(')
          .op('(').unicode("storage").global("torch", "FloatStorage").unicode("0").unicode("cpu").op('K', 4).op('t', 'Q')
          .op('K', 0).op('K', 2).op('K', 2).op(0x86).op('K', 2).op('K', 1).op(0x86).op(0x89).op('h', 0).op(')', 'R').op('t', 'R');
    }
    return p.op('u').stop().bytes();
  }

  /** A sklearn estimator as protocol-2 pickles write it: copyreg._reconstructor, then BUILD of its dict. */
  static byte[] sklearn(int protocol) {
    if (protocol >= 4) {
      return Pickles.protocol(protocol).shortUnicode("sklearn.linear_model._logistic").shortUnicode("LogisticRegression").op(0x93)
          .op(')', 0x81).op('}', '(').shortUnicode("C").op('G').u64(Double.doubleToLongBits(1.0)).shortUnicode("max_iter").op('K', 100)
          .shortUnicode("_sklearn_version").shortUnicode("1.5.0").op('u', 'b').stop().bytes();
    }
    return Pickles.protocol(protocol).global("copy_reg", "_reconstructor").op('(').global("sklearn.preprocessing._data", "StandardScaler")
        .global("__builtin__", "object").op('N', 't', 'R').op('}', '(').unicode("with_mean").op(0x88).unicode("with_std").op(0x88)
        .op('u', 'b').stop().bytes();
  }

  private static void benign(List<BypassCorpus.Case> c) throws IOException {
    String b = BypassCorpus.BENIGN;
    for (int p = 0; p <= 5; p++) {
      add(c, b, "benign_state_dict_p" + p + ".pkl", stateDict(p), "pickle", "safe", "complete", "torch._utils._rebuild_tensor_v2",
          "benign: torch state dict, protocol " + p);
    }
    for (int p = 2; p <= 5; p++) {
      add(c, b, "benign_torch_zip_p" + p + ".pt", zip(List.<Object[]>of(member("archive/data.pkl", stateDict(p)), member("archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII)),
          member("archive/data/0", new byte[] {0x40, 0x49, 0x0f, (byte) 0xdb, 0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0}),
          member("archive/version", version()))),
          "torch_zip", "safe", "complete", "torch.FloatStorage", "benign: torch.save zip, protocol " + p);
    }
    add(c, b, "benign_torch_zip_deflated.pt", zip(List.<Object[]>of(new Object[] {"model/data.pkl", stateDict(2), true}, member("model/.data/version", version()))),
        "torch_zip", "safe", "complete", "torch.FloatStorage", "benign: torch zip with a deflated data.pkl and .data/version");
    for (int p : new int[] {0, 1, 2, 4}) {
      add(c, b, "benign_legacy_p" + p + ".pt", legacy(p, stateDict(p)), "torch_legacy", "safe", "complete", "torch.FloatStorage",
          "benign: legacy torch.save stream, protocol " + p);
    }
    ByteArrayOutputStream storages = new ByteArrayOutputStream();
    storages.writeBytes(Pickles.protocol(2).op('K', 1).stop().bytes());
    storages.writeBytes(Pickles.protocol(2).op('(').unicode("0").unicode("cpu").global("torch", "FloatStorage").op('t').stop().bytes());
    le(storages, 4, 8);
    storages.writeBytes(new byte[16]);
    storages.writeBytes(Pickles.protocol(2).op(']').stop().bytes());
    ByteArrayOutputStream tensors = new ByteArrayOutputStream();
    tensors.writeBytes(Pickles.protocol(2).op('K', 1).stop().bytes());
    tensors.writeBytes(Pickles.protocol(2).op('(').unicode("t0").unicode("0").global("torch", "FloatTensor").op('t').stop().bytes());
    le(tensors, 1, 4);
    le(tensors, 0, 4);
    le(tensors, 4, 8);
    le(tensors, 1, 8);
    le(tensors, 0, 8);
    add(c, b, "benign_legacy_tar.tar", tar(List.<Object[]>of(
        member("sys_info", Pickles.protocol(2).op('}').unicode("little_endian").op(0x88, 's').stop().bytes()),
        member("pickle", stateDict(2)),
        member("storages", storages.toByteArray()),
        member("tensors", tensors.toByteArray()))),
        "torch_legacy", "safe", "complete", "torch.FloatStorage", "benign: torch's legacy tar format (records walked, raw bytes sized)");
    add(c, b, "benign_npy_float.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[8]),
        "numpy_npy", "not_applicable", "complete", null, "benign: float32 npy (no pickle)");
    add(c, b, "benign_npy_object_ok.npy", BypassCorpus.npyObject(BypassCorpus.benignNumpy()), "numpy_npy", "safe", "complete",
        "numpy.core.multiarray._reconstruct", "benign: object npy holding a pickled array");
    add(c, b, "benign_npz.npz", zip(List.<Object[]>of(member("a.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8])),
        member("b.npy", BypassCorpus.npyObject(BypassCorpus.benignNumpy())))), "numpy_npz", "safe", "complete", "numpy.dtype",
        "benign: npz with one object member");
    add(c, b, "benign_joblib_p3.joblib", BypassCorpus.concat(joblibWrapper(Pickles.protocol(3), "f8", Pickles.text().op('(').op('K', 3)
        .shortUnicode("<").op('N', 'N', 'N').op('J').u32(0xFFFFFFFFL).op('J').u32(0xFFFFFFFFL).op('K', 0).op('t'), 2).bytes(),
        BypassCorpus.concat(new byte[16], Pickles.text().stop().bytes())),
        "joblib", "safe", "complete", "joblib.numpy_pickle.NumpyArrayWrapper", "benign: joblib.dump of a float64 array, protocol 3");
    add(c, b, "benign_joblib_gz.joblib", compress(BypassCorpus.benignJoblib(), "gz"), "joblib", "safe", "complete",
        "joblib.numpy_pickle.NumpyArrayWrapper", "benign: gzip-compressed joblib");
    add(c, b, "benign_sklearn_p2.pkl", sklearn(2), "pickle", "safe", "complete", "sklearn.preprocessing._data.StandardScaler",
        "benign: sklearn estimator, protocol 2");
    add(c, b, "benign_sklearn_p4.pkl", sklearn(4), "pickle", "safe", "complete", "sklearn.linear_model._logistic.LogisticRegression",
        "benign: sklearn estimator, protocol 4");
    add(c, b, "benign_sklearn_p5_joblib_zip.pkl.zip", zip(List.<Object[]>of(member("model.pkl", sklearn(5)))), "unknown", "safe", "complete",
        "sklearn.linear_model._logistic.LogisticRegression", "benign: a zip holding one sklearn pickle");
    add(c, b, "benign_numpy_text_p0.pkl", ("cnumpy.core.multiarray\n_reconstruct\np0\n(cnumpy\nndarray\np1\n(I0\ntp2\nS'b'\np3\ntp4\nRp5\n.")
        .getBytes(StandardCharsets.US_ASCII), "pickle", "safe", "complete", "numpy.ndarray", "benign: numpy array reconstruct, protocol 0");
  }

  private static void le(ByteArrayOutputStream out, long v, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }
}
