package org.modelevolution.mining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.modelevolution.formats.Detector;
import org.modelevolution.formats.DetectorOptions;
import org.modelevolution.github.GitHubClient;
import org.modelevolution.github.SearchPacer;
import org.modelevolution.history.BareClones;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.hub.Discussion;
import org.modelevolution.hub.DiscussionQuery;
import org.modelevolution.hub.DiscussionsClient;
import org.modelevolution.hub.HubClient;
import org.modelevolution.hub.HubException;
import org.modelevolution.hub.HubRepo;
import org.modelevolution.stackexchange.StackExchangeClient;

/**
 * The one place the miners get their clients from: for the Hub one OkHttp client (token on the
 * Hub's host only, the retry policy, the {@link RequestBuckets} counter) shared by the JSON API,
 * the discussions, the ranged reads of the format detector and git; and the GitHub and Stack
 * Exchange clients of the perception miners, each configured by its own environment variables.
 *
 * <pre>{@code
 * MiningClients clients = MiningClients.fromEnvironment(System.getenv());
 * MiningContext context = clients.context(new MiningLayout(out), Optional.empty());
 * }</pre>
 */
public final class MiningClients {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final Endpoint hubEndpoint;
  private final RetryPolicy policy;
  private final RequestBuckets buckets;
  private final OkHttpClient hubHttp;

  private MiningClients(Map<String, String> env, Endpoint hubEndpoint, RetryPolicy policy, List<Interceptor> extra) {
    this.env = Map.copyOf(env);
    this.hubEndpoint = Objects.requireNonNull(hubEndpoint);
    this.policy = Objects.requireNonNull(policy);
    this.buckets = new RequestBuckets(hubEndpoint.baseUrl());
    OkHttpClient.Builder builder = HttpClients.create(hubEndpoint, policy).newBuilder();
    extra.forEach(builder::addInterceptor);
    this.hubHttp = builder.addNetworkInterceptor(buckets).build();
  }

  /** The clients of a real run: {@code HF_ENDPOINT} / {@code HF_TOKEN} (and GitHub's, Stack Exchange's) from {@code env}. */
  public static MiningClients fromEnvironment(Map<String, String> env) {
    return new MiningClients(env, Service.HUGGING_FACE.endpoint(env), RetryPolicy.standard(), List.of());
  }

  /**
   * Clients for {@code hubEndpoint} with {@code policy}; {@code extra} interceptors run before
   * every Hub request (tests kill the run with one).
   */
  public static MiningClients of(Endpoint hubEndpoint, RetryPolicy policy, List<Interceptor> extra) {
    return new MiningClients(Map.of(), hubEndpoint, policy, extra);
  }

  public Endpoint hubEndpoint() {
    return hubEndpoint;
  }

  public RetryPolicy policy() {
    return policy;
  }

  /** The Hub requests made so far by these clients, per rate-limit bucket. */
  public RequestBuckets requests() {
    return buckets;
  }

  public HubClient hub() {
    return new HubClient(hubEndpoint, hubHttp, policy);
  }

  public DiscussionsClient hubDiscussions() {
    return new DiscussionsClient(hubHttp, hubEndpoint, policy);
  }

  /** The content-based detector over ranged reads of the Hub's resolve URLs, within the remote read budget. */
  public FormatSniffer sniffer() {
    return new DetectorSniffer(hubEndpoint, hubHttp, new Detector(DetectorOptions.remote()), policy);
  }

  /**
   * Bare clones from the Hub's git URLs (or from {@code urlTemplate}, {@code {id}} for the
   * repository id), fetched through the Hub client: token, retries and counting included.
   */
  public BareClones clones(Path folder, Optional<String> urlTemplate) {
    return BareClones.overHttp(folder,
        urlTemplate.map(BareClones::template).orElse(BareClones.hubUrls(hubEndpoint.baseUrl().toString())),
        hubHttp, policy, hubEndpoint.token().isPresent());
  }

  /** Discussion details and per-repository PR lists of the bot PR step, as the Hub's JSON. */
  public DiscussionSource discussions() {
    DiscussionsClient discussions = hubDiscussions();
    return new DiscussionSource() {
      @Override
      public JsonNode details(String repoId, int num) throws IOException {
        return JSON.readTree(discussions.details(HubRepo.model(repoId), num).json());
      }

      @Override
      public List<Integer> pullRequestsBy(String repoId, String author) throws IOException {
        DiscussionQuery query = DiscussionQuery.all().withType(DiscussionQuery.Type.PULL_REQUEST).byAuthor(author);
        try {
          return discussions.list(HubRepo.model(repoId), query).stream()
              .filter(d -> d.pullRequest() && d.authorName().equalsIgnoreCase(author))
              .map(Discussion::num).sorted().toList();
        } catch (HubException e) {
          if (e.reason() == HubException.Reason.NOT_VISIBLE) {
            return List.of();
          }
          throw e;
        }
      }
    };
  }

  /** The GitHub client of {@code GITHUB_API_URL} / {@code GITHUB_TOKEN}. */
  public GitHubClient github() {
    Endpoint endpoint = githubEndpoint();
    return new GitHubClient(HttpClients.create(endpoint, policy), endpoint, SearchPacer.recommended(), policy);
  }

  /** The optional Stack Exchange application key; raises the daily quota from 300 to 10,000 requests. */
  public static final String STACK_EXCHANGE_KEY = "STACKEXCHANGE_KEY";

  public Endpoint githubEndpoint() {
    return Service.GITHUB.endpoint(env);
  }

  public Endpoint stackExchangeEndpoint() {
    return Service.STACK_EXCHANGE.endpoint(env);
  }

  public Optional<String> stackExchangeKey() {
    return Optional.ofNullable(env.get(STACK_EXCHANGE_KEY)).filter(k -> !k.isBlank());
  }

  /** The Stack Exchange client of {@code STACKEXCHANGE_API_URL} and the optional {@code STACKEXCHANGE_KEY}. */
  public StackExchangeClient stackExchange() {
    Endpoint endpoint = stackExchangeEndpoint();
    return new StackExchangeClient(HttpClients.create(endpoint, policy), endpoint, stackExchangeKey(), policy,
        java.time.Clock.systemUTC());
  }

  /** The context of the Hub pipeline writing below {@code layout}, progress on the console. */
  public MiningContext context(MiningLayout layout, Optional<String> cloneUrlTemplate) {
    return new MiningContext(hub(), layout, clones(layout.clones(), cloneUrlTemplate), sniffer(), discussions(),
        buckets, MiningContext.ProgressFactory.CONSOLE, MiningContext.UnitHook.NONE, java.time.Clock.systemUTC());
  }
}
