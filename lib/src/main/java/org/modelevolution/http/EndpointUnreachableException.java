package org.modelevolution.http;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * A service's host refused the connection or could not be resolved, again after a short retry:
 * reported within seconds, naming the environment variable that sets the endpoint, rather than
 * retried for minutes.
 */
public final class EndpointUnreachableException extends FatalRequestException {
  public EndpointUnreachableException(String base, String endpointVariable, IOException cause) {
    super(kind(cause) + ": cannot connect to " + base + " (" + cause.getMessage() + "); check " + endpointVariable
        + " and the network", cause);
  }

  /** Whether {@code e} says the host cannot be reached at all (as opposed to a failure mid-request). */
  static boolean isUnreachable(IOException e) {
    return e instanceof java.net.ConnectException || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException || isConnectTimeout(e);
  }

  /** The connection was not made within the connect timeout (a host that drops packets), as opposed to a slow answer. */
  private static boolean isConnectTimeout(IOException e) {
    return e instanceof java.net.SocketTimeoutException && e.getMessage() != null
        && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect timed out");
  }

  private static String kind(IOException e) {
    return e instanceof UnknownHostException ? "unknown host"
        : e instanceof NoRouteToHostException ? "no route to host"
        : isConnectTimeout(e) ? "no answer to the connection"
        : "connection refused";
  }
}
