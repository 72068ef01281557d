package org.rapaio.jupyter.kernel.channels;

import java.lang.reflect.Field;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubError;
import org.rapaio.jupyter.kernel.message.messages.IOPubExecuteResult;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's class of the same name (same public members, same
 * signatures); this project puts it ahead of the kernel jar on the kernel's class path.
 *
 * <p>The changes, each about a kernel that stops answering or answers under the wrong request:
 *
 * <ul>
 *   <li>{@link #connect} registers the message handlers before the sockets are bound. Binding
 *       starts each channel's loop thread, and upstream filled the handler map only afterwards, so
 *       a {@code kernel_info_request} sent as soon as the port opened found no handler.
 *   <li>Each loop thread (shell, control) has its own request context: the parent message and the
 *       actions to run after its handler. Upstream kept one of each for both threads, so an
 *       {@code interrupt_request} on the control channel took over the running cell's parent
 *       header (its error was published under the interrupt, where no front end shows it), ran
 *       the cell's after-actions (restored streams, cleared the parent) and left the cell without
 *       an {@code execute_reply}. A thread that is not a loop thread (the engine thread running a
 *       cell, printing or displaying) publishes under the shell request being handled.
 *   <li>A reply goes out on the channel its request came in on (upstream sent every reply on
 *       the shell socket, so control replies were dropped and the shell socket was written from
 *       two threads).
 *   <li>{@code stop_on_error}: when a cell that asked for it fails (an interrupt included), the
 *       {@code execute_request}s already queued behind it (sent before the failure, by their
 *       header's date) are answered {@code aborted} without running, as ipykernel does; a request
 *       sent after the failure, or arriving once the queue ran dry, runs.
 *   <li>An error whose message is empty gets one: a compile error's diagnostics (upstream put
 *       them only in the ANSI traceback, so {@code evalue} was {@code ""}).
 *   <li>An {@code execute_result} without {@code text/plain} gets one (the HTML's text, or a
 *       description of the image), as the protocol asks of every result.
 * </ul>
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class Channels {

  /** What one loop thread is answering: the request's id and what to do once its handler returns. */
  private static final class RequestContext {
    private volatile MessageId<?> msgId;
    private final Deque<Runnable> afterActions = new ArrayDeque<>();
    private AbstractChannel replyChannel;
  }

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

  private final ConnectionProperties connProps;
  private final ZMQ.Context ctx;

  private final HeartbeatChannel heartbeat;
  private final ShellChannel shell;
  private final ControlChannel control;
  private final StdinChannel stdin;
  private final IOPubChannel iopub;

  private final Set<AbstractChannel> channels;

  private final ThreadLocal<RequestContext> loopContext = new ThreadLocal<>();
  /** The shell thread's context: where output of the cell that runs goes, from whichever thread. */
  private final RequestContext shellContext = new RequestContext();
  /** Used before any request (the {@code starting} status) and by threads of no request. */
  private final RequestContext noRequest = new RequestContext();

  private Map<MessageType<?>, MessageHandler> handlers;
  private RapaioKernel kernel;

  /** The cell being executed asked for stop_on_error (shell thread only). */
  private boolean executingStopOnError = false;
  /** A stop_on_error cell failed: queued execute requests are aborted until the queue is empty. */
  private volatile boolean abortingQueued = false;
  /** When the last stop_on_error cell failed: requests sent later are not aborted. */
  private volatile Instant failedAt = Instant.EPOCH;

  private boolean isConnected = false;
  private volatile boolean requestShutdown = false;

  public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
    this.connProps = connProps;
    this.ctx = ZMQ.context(1);
    HMACDigest hmacDigest = connProps.createHMACDigest();
    heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
    shell = new ShellChannel(this, ctx, hmacDigest, this);
    control = new ControlChannel(this, ctx, hmacDigest);
    stdin = new StdinChannel(this, ctx, hmacDigest);
    iopub = new IOPubChannel(this, ctx, hmacDigest);
    channels = Set.of(heartbeat, shell, control, stdin, iopub);
    shellContext.replyChannel = shell;
    noRequest.replyChannel = shell;
  }

  public void connect(RapaioKernel kernel) {
    if (isConnected) {
      return;
    }
    this.kernel = kernel;
    kernel.registerChannels(this);
    Map<MessageType<?>, MessageHandler> map = new HashMap<>();
    map.put(MessageType.SHELL_EXECUTE_REQUEST, (MessageHandler<ShellExecuteRequest>) this::execute);
    map.put(MessageType.SHELL_INSPECT_REQUEST, (MessageHandler) kernel::handleInspectRequest);
    map.put(MessageType.SHELL_COMPLETE_REQUEST, (MessageHandler) kernel::handleCompleteRequest);
    map.put(MessageType.SHELL_HISTORY_REQUEST, (MessageHandler) kernel::handleHistoryRequest);
    map.put(MessageType.SHELL_IS_COMPLETE_REQUEST, (MessageHandler) kernel::handleIsCompleteRequest);
    map.put(MessageType.SHELL_KERNEL_INFO_REQUEST, (MessageHandler) kernel::handleKernelInfoRequest);
    map.put(MessageType.CONTROL_SHUTDOWN_REQUEST, (MessageHandler) kernel::handleShutdownRequest);
    map.put(MessageType.CONTROL_INTERRUPT_REQUEST, (MessageHandler) kernel::handleInterruptRequest);
    map.put(MessageType.CUSTOM_COMM_OPEN, (MessageHandler) kernel::handleCommOpenCommand);
    map.put(MessageType.CUSTOM_COMM_MSG, (MessageHandler) kernel::handleCommMsgCommand);
    map.put(MessageType.CUSTOM_COMM_CLOSE, (MessageHandler) kernel::handleCommCloseCommand);
    map.put(MessageType.SHELL_COMM_INFO_REQUEST, (MessageHandler) kernel::handleCommInfoRequest);
    handlers = map;
    // Only now are the sockets bound (and their loop threads started): every request finds its handler.
    channels.forEach(channel -> channel.bind(connProps));
    iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
    isConnected = true;
  }

  /** An execute request: run it, or answer it "aborted" when a stop_on_error cell before it failed. */
  private void execute(Message<ShellExecuteRequest> message) {
    if (abortingQueued && !sentAfterFailure(message)) {
      busyThenIdle();
      reply(MessageType.SHELL_EXECUTE_REPLY, Map.of("status", "aborted"));
      scheduleAfter(this::stopAbortingWhenQueueIsEmpty);
      return;
    }
    abortingQueued = false;
    executingStopOnError = message.content().stopOnError();
    // Runs last of the request's after-actions (they pop in reverse order), after the execute_reply.
    scheduleAfter(() -> {
      executingStopOnError = false;
      stopAbortingWhenQueueIsEmpty();
    });
    kernel.handleExecuteRequest(message);
  }

  /**
   * True when the request's header says it was sent after the failure (a cell run by hand after
   * an error, not one Run All queued before it); false when it was sent before, or cannot tell.
   */
  private boolean sentAfterFailure(Message<ShellExecuteRequest> message) {
    try {
      return OffsetDateTime.parse(message.header().timestamp()).toInstant().isAfter(failedAt);
    } catch (RuntimeException unparseable) {
      return false;
    }
  }

  private void stopAbortingWhenQueueIsEmpty() {
    if (abortingQueued && (shell.socket.getEvents() & ZMQ.Poller.POLLIN) == 0) {
      abortingQueued = false;
    }
  }

  public <T> MessageHandler<T> getHandler(MessageType<T> type) {
    return handlers.get(type);
  }

  public void close() {
    channels.forEach(AbstractChannel::close);
    ctx.close();
  }

  public void joinUntilClose() {
    channels.forEach(AbstractChannel::joinUntilClose);
  }

  /** The calling thread's request: its loop's own, or else (an engine thread) the shell's. */
  private RequestContext context() {
    RequestContext own = loopContext.get();
    if (own != null) {
      return own;
    }
    return shellContext.msgId != null ? shellContext : noRequest;
  }

  public boolean hasMsgId() {
    return context().msgId != null;
  }

  /**
   * Called by a loop thread before it hands a request to its handler: the request becomes that
   * thread's context. The control thread has a context of its own, so an interrupt or a shutdown
   * never takes over the shell's.
   */
  public void setMsgId(MessageId<?> msgId) {
    RequestContext own = loopContext.get();
    if (own == null) {
      if (Thread.currentThread() == loopThreadOf(shell)) {
        own = shellContext;
      } else {
        own = new RequestContext();
        own.replyChannel = Thread.currentThread() == loopThreadOf(control) ? control : shell;
      }
      loopContext.set(own);
    }
    own.msgId = msgId;
  }

  /**
   * The loop thread of a shell or control channel (their private {@code loopThread}, assigned
   * before the thread starts): which thread a request arrives on decides its context and where its
   * reply goes.
   */
  private static Thread loopThreadOf(AbstractChannel channel) {
    try {
      Field field = channel.getClass().getDeclaredField("loopThread");
      field.setAccessible(true);
      return (Thread) field.get(channel);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("kernel patch: " + channel.getClass().getName()
          + " has no loopThread field; the patch does not match this kernel version", e);
    }
  }

  public void freeMsgId() {
    context().msgId = null;
  }

  public void markForShutdown() {
    requestShutdown = true;
  }

  public boolean isMarkedForShutdown() {
    return requestShutdown;
  }

  public void writeToStdOut(String text) {
    publish(new IOPubStream(IOPubStream.StreamName.OUT, text));
  }

  public void writeToStdErr(String text) {
    publish(new IOPubStream(IOPubStream.StreamName.ERR, text));
  }

  public String readFromStdIn() {
    return stdin.getInput(context().msgId, "", false);
  }

  public <T extends ContentType<T>> void publish(T content) {
    Object sent = content;
    if (content instanceof IOPubError error && (error.errMsg() == null || error.errMsg().isBlank())) {
      sent = new IOPubError(error.errName(), describe(error.errName(), error.stacktrace()), error.stacktrace());
    } else if (content instanceof IOPubExecuteResult result && !result.data().containsKey("text/plain")) {
      result.putText(plainText(result.data()));
    }
    iopub.sendMessage(new Message(context().msgId, content.type(), sent));
  }

  public <T extends ContentType<T>> void reply(T content) {
    RequestContext request = context();
    request.replyChannel.sendMessage(new Message<>(request.msgId, content.type(), content));
  }

  private void reply(MessageType<?> type, Object content) {
    RequestContext request = context();
    request.replyChannel.sendMessage(new Message(request.msgId, type, content));
  }

  public void replyError(MessageType<?> type, ErrorReply error) {
    ErrorReply sent = error.errMsg() == null || error.errMsg().isBlank()
        ? new ErrorReply(error.status(), error.errName(), describe(error.errName(), error.traceback()),
            error.traceback(), error.executionCount())
        : error;
    if (executingStopOnError && context() == shellContext) {
      abortingQueued = true;
      failedAt = Instant.now();
    }
    reply(type, sent);
  }

  public void scheduleAfter(Runnable action) {
    context().afterActions.push(action);
  }

  public void runAfterActions() {
    Deque<Runnable> actions = context().afterActions;
    while (!actions.isEmpty()) {
      actions.pop().run();
    }
  }

  public void busyThenIdle() {
    publish(IOPubStatus.BUSY);
    scheduleAfter(() -> publish(IOPubStatus.IDLE));
  }

  /**
   * A message for an error that came without one: a compile error's diagnostics (the snippet that
   * failed is the last one the shell evaluated), else the traceback's first line without colours.
   */
  private String describe(String errName, List<String> traceback) {
    if ("CompilerException".equals(errName) && kernel != null) {
      JShell shell = kernel.javaEngine().getShell();
      Snippet last = shell.snippets().reduce((first, second) -> second).orElse(null);
      if (last != null) {
        String diagnostics = shell.diagnostics(last).map(d -> d.getMessage(Locale.ROOT))
            .collect(Collectors.joining("; "));
        if (!diagnostics.isBlank()) {
          return diagnostics;
        }
      }
    }
    if (traceback != null) {
      for (String line : traceback) {
        String plain = ANSI_ESCAPE.matcher(line).replaceAll("").strip();
        if (!plain.isEmpty()) {
          return plain;
        }
      }
    }
    return errName;
  }

  /** A text/plain alternative for a result that has none. */
  private static String plainText(Map<String, Object> data) {
    Object html = data.get("text/html");
    if (html != null) {
      return TAG.matcher(html.toString().replace("</tr>", "\n").replace("<br>", "\n")).replaceAll(" ")
          .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
          .lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
    return data.keySet().stream().sorted().map(mime -> "[" + mime + "]").collect(Collectors.joining(" "));
  }
}
