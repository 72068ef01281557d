package org.modelevolution.formats;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The allow- and deny-lists behind {@link PickleVerdict}.
 *
 * <p>An import is written {@code module.name}. An entry ending in {@code .*} matches a whole module
 * tree; other entries match exactly. Python-2 spellings ({@code __builtin__}, {@code commands}) are
 * listed too because protocol ≤ 2 pickles rename modules with {@code fix_imports}.
 *
 * <ul>
 *   <li><b>Allowed</b>: what the reference serializers of tensors write: torch storages and rebuild
 *       helpers, TorchScript classes ({@code __torch__.*}), numpy array reconstruction, joblib's
 *       array wrapper, {@code collections.OrderedDict}, {@code _codecs.encode} (protocol ≤ 2 bytes)
 *       and harmless builtin containers and value types.
 *   <li><b>Denied</b>: anything that can run commands, evaluate code, import modules, open files or
 *       sockets, or reach arbitrary attributes ({@code builtins.getattr} gadgets).
 *   <li>Everything else (model classes such as {@code sklearn.*}, {@code torch.nn.modules.*},
 *       user modules) is <b>suspicious</b>: loading it runs that class's code.
 * </ul>
 */
public final class PicklePolicy {
  /** Imports considered safe to meet in a model file. */
  public static final List<String> ALLOWED =
      List.of(
          "collections.OrderedDict",
          "collections.defaultdict",
          "torch._utils._rebuild_tensor",
          "torch._utils._rebuild_tensor_v2",
          "torch._utils._rebuild_tensor_v3",
          "torch._utils._rebuild_parameter",
          "torch._utils._rebuild_parameter_with_state",
          "torch._utils._rebuild_qtensor",
          "torch._utils._rebuild_sparse_tensor",
          "torch._utils._rebuild_device_tensor_from_numpy",
          "torch._tensor._rebuild_from_type_v2",
          "torch.storage._load_from_bytes",
          "torch.serialization._get_layout",
          "torch.BFloat16Storage",
          "torch.BoolStorage",
          "torch.ByteStorage",
          "torch.CharStorage",
          "torch.ComplexDoubleStorage",
          "torch.ComplexFloatStorage",
          "torch.DoubleStorage",
          "torch.FloatStorage",
          "torch.HalfStorage",
          "torch.IntStorage",
          "torch.LongStorage",
          "torch.ShortStorage",
          "torch.UntypedStorage",
          "torch.bfloat16",
          "torch.float16",
          "torch.float32",
          "torch.float64",
          "torch.int64",
          "torch.device",
          "torch.Size",
          "__torch__.*",
          "numpy.core.multiarray._reconstruct",
          "numpy.core.multiarray.scalar",
          "numpy.core.numeric._frombuffer",
          "numpy._core.multiarray._reconstruct",
          "numpy._core.multiarray.scalar",
          "numpy._core.numeric._frombuffer",
          "numpy.dtype",
          "numpy.ndarray",
          "joblib.numpy_pickle.NumpyArrayWrapper",
          "_codecs.encode",
          "builtins.set",
          "builtins.frozenset",
          "builtins.bytearray",
          "builtins.bytes",
          "builtins.complex",
          "builtins.slice",
          "builtins.range",
          "builtins.object",
          "__builtin__.set",
          "__builtin__.frozenset",
          "__builtin__.bytearray",
          "__builtin__.complex",
          "__builtin__.slice",
          "__builtin__.object",
          "copy_reg._reconstructor",
          "copyreg._reconstructor",
          "datetime.date",
          "datetime.datetime",
          "datetime.time",
          "datetime.timedelta",
          "datetime.timezone",
          "decimal.Decimal",
          "fractions.Fraction");

  /** Imports that give code execution or system access when unpickled. */
  public static final List<String> DENIED =
      List.of(
          "os.*",
          "posix.*",
          "nt.*",
          "subprocess.*",
          "commands.*",
          "pty.*",
          "shutil.*",
          "socket.*",
          "sys.*",
          "runpy.*",
          "importlib.*",
          "imp.*",
          "ctypes.*",
          "marshal.*",
          "pickle.*",
          "_pickle.*",
          "cPickle.*",
          "dill.*",
          "code.*",
          "codeop.*",
          "types.*",
          "webbrowser.*",
          "urllib.*",
          "requests.*",
          "http.*",
          "ftplib.*",
          "smtplib.*",
          "telnetlib.*",
          "asyncio.*",
          "multiprocessing.*",
          "signal.*",
          "tempfile.*",
          "pathlib.*",
          "io.*",
          "operator.attrgetter",
          "operator.methodcaller",
          "functools.partial",
          "torch.load",
          "torch.hub.*",
          "numpy.load",
          "numpy.lib.npyio.*",
          "builtins.eval",
          "builtins.exec",
          "builtins.compile",
          "builtins.__import__",
          "builtins.getattr",
          "builtins.setattr",
          "builtins.delattr",
          "builtins.globals",
          "builtins.locals",
          "builtins.vars",
          "builtins.open",
          "builtins.input",
          "builtins.breakpoint",
          "builtins.help",
          "__builtin__.eval",
          "__builtin__.exec",
          "__builtin__.execfile",
          "__builtin__.compile",
          "__builtin__.__import__",
          "__builtin__.getattr",
          "__builtin__.setattr",
          "__builtin__.delattr",
          "__builtin__.globals",
          "__builtin__.open",
          "__builtin__.file",
          "__builtin__.input",
          "__builtin__.raw_input",
          "__builtin__.apply",
          "__builtin__.reload");

  private PicklePolicy() {}

  /** The verdict for a set of imports of a scan that read everything it needed. */
  public static PickleVerdict judge(Collection<String> imports, boolean usesExtensionRegistry) {
    boolean suspicious = usesExtensionRegistry;
    for (String imported : imports) {
      if (matches(DENIED, imported)) {
        return PickleVerdict.DANGEROUS;
      }
      if (!matches(ALLOWED, imported)) {
        suspicious = true;
      }
    }
    return suspicious ? PickleVerdict.SUSPICIOUS : PickleVerdict.SAFE;
  }

  /** Whether {@code imported} is on the deny-list. */
  public static boolean isDenied(String imported) {
    return matches(DENIED, imported);
  }

  private static final Rules ALLOW = new Rules(ALLOWED);
  private static final Rules DENY = new Rules(DENIED);

  private static boolean matches(List<String> list, String imported) {
    return (list == DENIED ? DENY : ALLOW).matches(imported);
  }

  /** A list split into exact names and module prefixes, for hash lookups instead of scans. */
  private static final class Rules {
    private final Set<String> exact = new HashSet<>();
    private final Set<String> prefixes = new HashSet<>();

    Rules(List<String> entries) {
      for (String entry : entries) {
        if (entry.endsWith(".*")) {
          prefixes.add(entry.substring(0, entry.length() - 1));
        } else {
          exact.add(entry);
        }
      }
    }

    boolean matches(String imported) {
      if (exact.contains(imported)) {
        return true;
      }
      for (int dot = imported.indexOf('.'); dot >= 0; dot = imported.indexOf('.', dot + 1)) {
        if (prefixes.contains(imported.substring(0, dot + 1))) {
          return true;
        }
      }
      return false;
    }
  }
}
