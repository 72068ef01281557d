package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Stack;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's class of the same name (same members, same signatures);
 * this project puts it ahead of the kernel jar on the kernel's class path.
 *
 * <p>One change, in {@link #connect}: the message handlers are registered before the sockets are
 * bound. Binding starts each channel's loop thread, and upstream filled the handler map only
 * afterwards, so a {@code kernel_info_request} that the client sends as soon as the port is open
 * found no handler (a {@code NullPointerException} in the shell loop, which then ended). The map is
 * complete before any loop thread starts, and {@code Thread.start} publishes it to them.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class Channels {

  private final ConnectionProperties connProps;
  private final ZMQ.Context ctx;

  private final HeartbeatChannel heartbeat;
  private final ShellChannel shell;
  private final ControlChannel control;
  private final StdinChannel stdin;
  private final IOPubChannel iopub;

  private final Set<AbstractChannel> channels;
  private final Stack<Runnable> afterActions = new Stack<>();

  private Map<MessageType<?>, MessageHandler> handlers;
  private MessageId<?> msgId;

  private boolean isConnected = false;
  private boolean requestShutdown = false;

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
  }

  public void connect(RapaioKernel kernel) {
    if (isConnected) {
      return;
    }
    kernel.registerChannels(this);
    Map<MessageType<?>, MessageHandler> map = new HashMap<>();
    map.put(MessageType.SHELL_EXECUTE_REQUEST, (MessageHandler) kernel::handleExecuteRequest);
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

  public boolean hasMsgId() {
    return msgId != null;
  }

  public void setMsgId(MessageId<?> msgId) {
    this.msgId = msgId;
  }

  public void freeMsgId() {
    this.msgId = null;
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
    return stdin.getInput(msgId, "", false);
  }

  public <T extends ContentType<T>> void publish(T content) {
    iopub.sendMessage(new Message<>(msgId, content.type(), content));
  }

  public <T extends ContentType<T>> void reply(T content) {
    shell.sendMessage(new Message<>(msgId, content.type(), content));
  }

  public void replyError(MessageType<?> type, ErrorReply error) {
    shell.sendMessage(new Message(msgId, type, error));
  }

  public void scheduleAfter(Runnable action) {
    afterActions.push(action);
  }

  public void runAfterActions() {
    while (!afterActions.isEmpty()) {
      afterActions.pop().run();
    }
  }

  public void busyThenIdle() {
    publish(IOPubStatus.BUSY);
    scheduleAfter(() -> publish(IOPubStatus.IDLE));
  }
}
