package org.modelevolution.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The generator of the bypass-class regression corpus (in the library so that notebook 01 can show
 * its verdict matrix; it writes bytes only, nothing is ever unpickled): one file per published class of scanner
 * bypass (2025-2026 advisories of picklescan, ModelScan and fickling) and benign look-alikes, each
 * written opcode by opcode (nothing is pickled or unpickled) with the verdict it must get. The
 * files are written by {@link #write} with a manifest {@code expected.csv}; other packages' tests
 * (the miners' fake Hub) take single files by name from {@link #bytesOf}.
 */
public final class BypassCorpus {
  /**
   * One generated file.
   *
   * @param file the file name (extensions lie on purpose in some cases)
   * @param format the format the detector must report
   * @param verdict the file verdict it must get
   * @param completeness whether the scan must be complete
   * @param mustImport an import the scan must list (null: none required)
   * @param bypass the published class it reproduces
   * @param klass the class of issue 19 it belongs to ({@code 1. memo} ... {@code 13. format}),
   *     {@code gadgets} for the callable classes, {@code benign} for look-alikes that must stay safe
   */
  public record Case(String file, byte[] bytes, String format, String verdict, String completeness, String mustImport, String bypass,
      String klass) {
    Case(String file, byte[] bytes, String format, String verdict, String completeness, String mustImport, String bypass) {
      this(file, bytes, format, verdict, completeness, mustImport, bypass, verdict.equals("safe") ? BENIGN : "gadgets and earlier classes");
    }

    /** Whether the file is hostile: it must read dangerous or suspicious. */
    public boolean hostile() {
      return verdict.equals("dangerous") || verdict.equals("suspicious");
    }
  }

  /** The class name of the benign look-alikes. */
  public static final String BENIGN = "benign";

  private BypassCorpus() {}

  /** Every case: the hostile files of each class, the format-regression files and the benign set. */
  public static List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    // ---- the gadget classes: each a denied callable reached by a plain import
    dangerous(c, "pkgutil_resolve_name.pkl", "pkgutil.resolve_name",
        Pickles.protocol(4).shortUnicode("pkgutil").shortUnicode("resolve_name").op(0x93)
            .shortUnicode("os:system").op(0x85, 'R').shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "pkgutil.resolve_name reaches any blocked function by a 'module:attr' string");
    dangerous(c, "importlib_import_module.pkl", "importlib.import_module",
        Pickles.protocol(2).call("importlib", "import_module", "os").stop().bytes(), "importlib chain");
    dangerous(c, "importlib_machinery_loader.pkl", "importlib.machinery.SourceFileLoader",
        Pickles.protocol(2).call("importlib.machinery", "SourceFileLoader", "x").stop().bytes(), "importlib submodule chain");
    dangerous(c, "marshal_loads.pkl", "marshal.loads",
        Pickles.protocol(3).global("types", "FunctionType").op('(').global("marshal", "loads").op('(')
            .binBytes(new byte[] {(byte) 0xe3, 0, 0, 0}).op('t', 'R').op('}', 't', 'R').stop().bytes(),
        "marshal.loads + types.FunctionType builds a function from bytes");
    dangerous(c, "pydoc_locate.pkl", "pydoc.locate", Pickles.protocol(2).call("pydoc", "locate", "os.system").stop().bytes(), "pydoc.locate imports anything");
    dangerous(c, "pydoc_pipepager.pkl", "pydoc.pipepager", Pickles.protocol(2).call("pydoc", "pipepager", "id").stop().bytes(), "pydoc.pipepager runs a command");
    dangerous(c, "cprofile_run.pkl", "cProfile.run", Pickles.protocol(2).call("cProfile", "run", "import os").stop().bytes(), "cProfile.run execs a string");
    dangerous(c, "profile_run.pkl", "profile.run", Pickles.protocol(2).call("profile", "run", "import os").stop().bytes(), "profile.run execs a string");
    dangerous(c, "codeop_compile_command.pkl", "codeop.compile_command", Pickles.protocol(2).call("codeop", "compile_command", "1").stop().bytes(), "codeop compiles code");
    dangerous(c, "inspect_getattr_static.pkl", "inspect.getattr_static",
        Pickles.protocol(2).global("inspect", "getattr_static").op('(').global("os", "path").unicode("x").op('t', 'R').stop().bytes(),
        "inspect.getattr_static is getattr by another name");
    dangerous(c, "logging_filehandler.pkl", "logging.FileHandler", Pickles.protocol(2).call("logging", "FileHandler", "/tmp/x").stop().bytes(), "logging.FileHandler creates files");
    dangerous(c, "urllib_request_urlopen.pkl", "urllib.request.urlopen", Pickles.protocol(2).call("urllib.request", "urlopen", "http://127.0.0.1/").stop().bytes(), "urllib.request exfiltration");
    dangerous(c, "builtins_getattr.pkl", "builtins.getattr",
        Pickles.protocol(2).global("builtins", "getattr").op('(').call("builtins", "__import__", "os").unicode("system").op('t', 'R')
            .op('(').unicode("id").op('t', 'R').stop().bytes(), "getattr(__import__('os'), 'system')");
    dangerous(c, "builtins_eval.pkl", "builtins.eval", Pickles.protocol(2).call("builtins", "eval", "1+1").stop().bytes(), "eval");
    dangerous(c, "builtins_exec.pkl", "builtins.exec", Pickles.protocol(2).call("builtins", "exec", "pass").stop().bytes(), "exec");
    dangerous(c, "builtins_compile.pkl", "builtins.compile", Pickles.protocol(2).call("builtins", "compile", "1").stop().bytes(), "compile");
    dangerous(c, "builtin_py2_apply.pkl", "__builtin__.apply", Pickles.text().call("__builtin__", "apply", "x").stop().bytes(), "protocol-0 Python 2 spelling");
    dangerous(c, "os_system_proto0.pkl", "os.system", Pickles.text().global("os", "system").op('(').ascii("S'id'\n").op('t', 'R').stop().bytes(), "GLOBAL newline parsing");
    dangerous(c, "posix_system.pkl", "posix.system", Pickles.protocol(2).call("posix", "system", "id").stop().bytes(), "os alias");
    dangerous(c, "nt_system.pkl", "nt.system", Pickles.protocol(2).call("nt", "system", "id").stop().bytes(), "os alias on Windows");
    dangerous(c, "subprocess_inst.pkl", "subprocess.Popen", Pickles.text().op('(').ascii("S'id'\n").op('i').ascii("subprocess\nPopen\n").stop().bytes(), "INST opcode");
    dangerous(c, "runpy_obj.pkl", "runpy.run_path", Pickles.protocol(1).op('(').global("runpy", "run_path").unicode("/tmp/x.py").op('o').stop().bytes(), "OBJ opcode");
    dangerous(c, "webbrowser_open.pkl", "webbrowser.open", Pickles.protocol(2).call("webbrowser", "open", "http://127.0.0.1/").stop().bytes(), "webbrowser");
    dangerous(c, "shutil_rmtree.pkl", "shutil.rmtree", Pickles.protocol(2).call("shutil", "rmtree", "/tmp/x").stop().bytes(), "shutil");
    dangerous(c, "socket_connection.pkl", "socket.create_connection", Pickles.protocol(2).call("socket", "create_connection", "x").stop().bytes(), "socket");
    dangerous(c, "io_fileio.pkl", "_io.FileIO", Pickles.protocol(2).call("_io", "FileIO", "/etc/passwd").stop().bytes(), "_io.FileIO bypasses builtins.open");
    dangerous(c, "functools_partial.pkl", "functools.partial", Pickles.protocol(2).global("functools", "partial").op('(').global("os", "system").unicode("id").op('t', 'R').stop().bytes(), "partial(os.system)");
    // ---- emulation classes
    dangerous(c, "memo_overwrite.pkl", "os.system",
        Pickles.protocol(4).shortUnicode("collections").op('q', 0).shortUnicode("OrderedDict").op('q', 1).op('0', '0')
            .shortUnicode("os").op('q', 0).shortUnicode("system").op('q', 1).op('0', '0')
            .op('h', 0).op('h', 1).op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "memo confusion: BINPUT overwrites a key before BINGET");
    dangerous(c, "memoize_numbering.pkl", "builtins.eval",
        Pickles.protocol(4).shortUnicode("builtins").op('q', 5).shortUnicode("eval").op(0x94).op('0', '0')
            .op('h', 5).op('h', 1).op(0x93).shortUnicode("1").op(0x85, 'R').stop().bytes(),
        "MEMOIZE numbers by memo length (1 here), not after the last BINPUT key");
    dangerous(c, "dotted_attribute_chain.pkl", "torch.serialization.os.system",
        Pickles.protocol(4).shortUnicode("torch.serialization").shortUnicode("os.system").op(0x93).shortUnicode("id").op(0x85, 'R').stop().bytes(),
        "protocol 4 resolves dotted names attribute by attribute");
    dangerous(c, "dunder_globals.pkl", "collections.OrderedDict.__init__.__globals__",
        Pickles.protocol(4).shortUnicode("collections").shortUnicode("OrderedDict.__init__.__globals__").op(0x93).stop().bytes(),
        "dunder attribute traversal");
    dangerous(c, "second_pickle.pkl", "os.system",
        concat(Pickles.protocol(2).global("collections", "OrderedDict").op(')', 'R').stop().bytes(),
            Pickles.protocol(2).call("os", "system", "id").stop().bytes()),
        "a second pickle after the first STOP");
    c.add(new Case("broken_after_reduce.pkl", Pickles.protocol(2).call("os", "system", "id").op(0xFF).bytes(), "pickle", "dangerous", "incomplete",
        "os.system", "an invalid opcode after the call: the call still runs"));
    byte[] inner = Pickles.protocol(2).call("os", "system", "id").stop().bytes();
    dangerous(c, "nested_load_from_bytes.pkl", "os.system",
        Pickles.protocol(3).global("torch.storage", "_load_from_bytes").op('(').binBytes(inner).op('t', 'R').stop().bytes(),
        "nested pickle in torch.storage._load_from_bytes bytes");
    dangerous(c, "nested_codecs_latin1.pkl", "os.system",
        Pickles.protocol(2).global("torch.storage", "_load_from_bytes").op('(').global("_codecs", "encode").op('(')
            .unicode(new String(inner, StandardCharsets.ISO_8859_1)).unicode("latin1").op('t', 'R').op('t', 'R').stop().bytes(),
        "nested pickle as protocol-2 _codecs.encode latin-1 text");
    // ---- incomplete scans: never safe
    c.add(new Case("truncated.pkl", Pickles.protocol(2).global("collections", "OrderedDict").op(')', 'R').op('X').u32(1000).ascii("abc").bytes(),
        "pickle", "suspicious", "incomplete", "collections.OrderedDict", "truncated stream"));
    c.add(new Case("unknown_opcode.pkl", Pickles.protocol(2).global("collections", "OrderedDict").op(')', 'R').op(0xFE).stop().bytes(),
        "pickle", "suspicious", "incomplete", "collections.OrderedDict", "unknown opcode"));
    c.add(new Case("unresolvable_stack_global.pkl",
        Pickles.protocol(4).global("collections", "OrderedDict").op(')', 'R').shortUnicode("system").op(0x93).op(')', 'R').stop().bytes(),
        "pickle", "suspicious", "incomplete", null, "STACK_GLOBAL whose module is computed at load time"));
    c.add(new Case("ext_opcode.pkl", Pickles.protocol(2).op(0x82, 7).op(')', 'R').op('N', '0', 'N', '0').stop().bytes(),
        "pickle", "suspicious", "incomplete", null, "EXT1 import through the copyreg registry"));
    c.add(new Case("memo_miss.pkl", Pickles.protocol(4).op('h', 9).shortUnicode("x").op(0x93).stop().bytes(),
        "pickle", "suspicious", "incomplete", null, "BINGET of a key never stored"));
    c.add(new Case("archive.7z", concat(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4}, new byte[32]),
        "seven_zip", "suspicious", "incomplete", null, "7z container"));
    // ---- containers
    byte[] evil = Pickles.protocol(2).call("os", "system", "id").stop().bytes();
    c.add(new Case("wrong_extension.safetensors", evil, "pickle", "dangerous", "complete", "os.system", "a pickle named like safetensors"));
    c.add(new Case("zip_flags_crc.pt", torchZip(evil, 0x0001, true, null), "torch_zip", "dangerous", "complete", "os.system",
        "zip entry with the encryption flag set and a wrong CRC: PyTorch reads it anyway"));
    c.add(new Case("zip_local_name_mismatch.pt", torchZip(benignStateDict(), 0, false, "archive/other.pkl"), "torch_zip", "suspicious", "incomplete",
        "torch._utils._rebuild_tensor_v2", "local header names another entry than the central directory"));
    c.add(new Case("npy_object_evil.npy", npyObject(evil), "numpy_npy", "dangerous", "complete", "os.system", "object-dtype npy"));
    c.add(new Case("gzip_pickle_evil.pkl.gz", gzip(evil), "unknown", "dangerous", "complete", "os.system", "a gzip-compressed pickle"));
    // ---- benign look-alikes: what torch, numpy and joblib write, importing allowed names only
    c.add(new Case("benign_state_dict.pkl", benignStateDict(), "pickle", "safe", "complete", "torch._utils._rebuild_tensor_v2", "benign: torch state dict"));
    c.add(new Case("benign_torch_zip.pt", torchZip(benignStateDict(), 0, false, null), "torch_zip", "safe", "complete", "torch.FloatStorage", "benign: torch.save zip"));
    c.add(new Case("benign_numpy.pkl", benignNumpy(), "pickle", "safe", "complete", "numpy.core.multiarray._reconstruct", "benign: pickled numpy array"));
    c.add(new Case("benign_joblib.joblib", benignJoblib(), "joblib", "safe", "complete", "joblib.numpy_pickle.NumpyArrayWrapper", "benign: joblib.dump of an array"));
    c.add(new Case("benign_nested_storage.pkl",
        Pickles.protocol(3).global("torch.storage", "_load_from_bytes").op('(').binBytes(benignStateDict()).op('t', 'R').stop().bytes(),
        "pickle", "safe", "complete", "torch.FloatStorage", "benign: _load_from_bytes of a state dict"));
    BypassClasses.add(c);
    return c;
  }

  private static void dangerous(List<Case> c, String file, String mustImport, byte[] bytes, String bypass) {
    c.add(new Case(file, bytes, "pickle", "dangerous", "complete", mustImport, bypass));
  }

  /** The generated bytes of the case named {@code file}, e.g. {@code os_system_proto0.pkl}. */
  public static byte[] bytesOf(String file) {
    try {
      return cases().stream().filter(k -> k.file().equals(file)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no bypass-corpus case " + file)).bytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes every case into {@code dir} and the manifest {@code expected.csv}; returns the cases. */
  public static List<Case> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Case> cases = cases();
    StringBuilder manifest = new StringBuilder("file,class,format,verdict,completeness,must_import,bypass\n");
    for (Case k : cases) {
      Files.write(dir.resolve(k.file()), k.bytes());
      manifest.append(String.join(",", k.file(), '"' + k.klass() + '"', k.format(), k.verdict(), k.completeness() == null ? "" : k.completeness(),
          k.mustImport() == null ? "" : k.mustImport(),
          '"' + k.bypass().replace("\"", "'") + '"')).append('\n');
    }
    Files.writeString(dir.resolve("expected.csv"), manifest);
    return cases;
  }

  // ---------------------------------------------------------------- benign writers

  /** A protocol-2 state dict as torch.save writes it: OrderedDict of one rebuilt tensor on a persistent FloatStorage. */
  static byte[] benignStateDict() {
    return Pickles.protocol(2)
        .global("collections", "OrderedDict").op(')', 'R').op('q', 0)
        .op('(').unicode("weight")
        .global("torch._utils", "_rebuild_tensor_v2")
        .op('(')
        .op('(').unicode("storage").global("torch", "FloatStorage").unicode("0").unicode("cpu").op('K', 4).op('t', 'Q') // persistent id tuple
        .op('K', 0).op('K', 2).op('K', 2).op(0x86).op('K', 2).op('K', 1).op(0x86).op(0x89)
        .global("collections", "OrderedDict").op(')', 'R')
        .op('t', 'R')
        .op('u').stop().bytes();
  }

  /** A protocol-2 numpy array: numpy.core.multiarray._reconstruct(ndarray, (0,), b'b') + BUILD. */
  static byte[] benignNumpy() {
    return Pickles.protocol(2)
        .global("numpy.core.multiarray", "_reconstruct")
        .global("numpy", "ndarray").op('K', 0).op(0x85).global("_codecs", "encode").unicode("b").unicode("latin1").op(0x86, 'R')
        .op(0x87, 'R')
        .op('(').op('K', 1).op('K', 3).op(0x85).global("numpy", "dtype").unicode("f8").op(0x89, 0x88, 0x87, 'R')
        .op('(').op('K', 3).unicode("<").op('N', 'N', 'N').op('J').u32(0xFFFFFFFFL).op('J').u32(0xFFFFFFFFL).op('K', 0).op('t', 'b')
        .op(0x89).global("_codecs", "encode").unicode("\u0000".repeat(24)).unicode("latin1").op(0x86, 'R')
        .op('t', 'b').stop().bytes();
  }

  /** joblib.dump of a float64 array of 3: the wrapper, then 1 padding byte count, padding and the raw data. */
  static byte[] benignJoblib() {
    Pickles p = Pickles.protocol(4)
        .shortUnicode("joblib.numpy_pickle").shortUnicode("NumpyArrayWrapper").op(0x93).op(')', 0x81)
        .op('}', '(')
        .shortUnicode("subclass").shortUnicode("numpy").shortUnicode("ndarray").op(0x93)
        .shortUnicode("shape").op('K', 3).op(0x85)
        .shortUnicode("order").shortUnicode("C")
        .shortUnicode("dtype").shortUnicode("numpy").shortUnicode("dtype").op(0x93).shortUnicode("f8").op(0x89, 0x88, 0x87, 'R')
        .op('(').op('K', 3).shortUnicode("<").op('N', 'N', 'N').op('J').u32(0xFFFFFFFFL).op('J').u32(0xFFFFFFFFL).op('K', 0).op('t', 'b')
        .shortUnicode("allow_mmap").op(0x89)
        .shortUnicode("numpy_array_alignment_bytes").op('K', 16)
        .op('u', 'b');
    p.op(3, '.', '.', '.'); // padding length 3, padding bytes that look like STOP
    p.raw(new byte[24]);
    return p.stop().bytes();
  }

  // ---------------------------------------------------------------- containers

  /** A stored (method 0) torch zip: archive/data.pkl and archive/version, with the given flags and CRC trick. */
  static byte[] torchZip(byte[] dataPkl, int flags, boolean wrongCrc, String localNameOverride) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    int count = 0;
    String[] names = {"archive/data.pkl", "archive/version"};
    byte[][] bodies = {dataPkl, "3\n".getBytes(StandardCharsets.US_ASCII)};
    for (int i = 0; i < names.length; i++) {
      byte[] name = names[i].getBytes(StandardCharsets.UTF_8);
      byte[] localName = (i == 0 && localNameOverride != null ? localNameOverride : names[i]).getBytes(StandardCharsets.UTF_8);
      CRC32 crc = new CRC32();
      crc.update(bodies[i]);
      long crcValue = i == 0 && wrongCrc ? crc.getValue() ^ 0xFFFFFFFFL : crc.getValue();
      int entryFlags = i == 0 ? flags : 0;
      int offset = out.size();
      le(out, 0x04034b50, 4); le(out, 20, 2); le(out, entryFlags, 2); le(out, 0, 2); le(out, 0, 4);
      le(out, crcValue, 4); le(out, bodies[i].length, 4); le(out, bodies[i].length, 4); le(out, localName.length, 2); le(out, 0, 2);
      out.writeBytes(localName);
      out.writeBytes(bodies[i]);
      le(central, 0x02014b50, 4); le(central, 20, 2); le(central, 20, 2); le(central, entryFlags, 2); le(central, 0, 2); le(central, 0, 4);
      le(central, crcValue, 4); le(central, bodies[i].length, 4); le(central, bodies[i].length, 4); le(central, name.length, 2);
      le(central, 0, 2); le(central, 0, 2); le(central, 0, 2); le(central, 0, 2); le(central, 0, 4); le(central, offset, 4);
      central.writeBytes(name);
      count++;
    }
    int cdOffset = out.size();
    out.writeBytes(central.toByteArray());
    le(out, 0x06054b50, 4); le(out, 0, 2); le(out, 0, 2); le(out, count, 2); le(out, count, 2);
    le(out, central.size(), 4); le(out, cdOffset, 4); le(out, 0, 2);
    return out.toByteArray();
  }

  static byte[] npyObject(byte[] pickle) {
    return BypassClasses.npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", pickle);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static void le(ByteArrayOutputStream out, long v, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }
}
