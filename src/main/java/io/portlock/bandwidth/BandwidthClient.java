package io.portlock.bandwidth;

import io.portlock.domain.DaemonThreads;
import io.portlock.domain.NumberSet;
import io.portlock.domain.Sleeper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Bandwidth Numbers API over Vert.x's {@code WebClient}, behind the blocking {@link
 * BandwidthApi}. Each endpoint is its own small class; this facade wires them together, runs
 * passcode read-back chunks in parallel and owns the resources.
 */
public final class BandwidthClient implements BandwidthApi {
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Transport transport;
  private final ExecutorService readbackPool;
  private final CreateOrderCall createOrder;
  private final GetOrderCall getOrder;
  private final ListOrdersCall listOrders;
  private final ReadPasscodesCall readPasscodes;
  private final ReadAllPasscodesCall readAllPasscodes;
  private final ListTnsCall listTns;
  private final ListInServiceNumbersCall listInServiceNumbers;
  private final ClientSettings settings;

  private BandwidthClient(
      Vertx vertx, boolean ownsVertx, ClientSettings settings, Sleeper sleeper, Clock clock) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.transport = new Transport(vertx, settings, sleeper, clock);
    this.readbackPool =
        Executors.newFixedThreadPool(
            settings.readbackParallelism(), DaemonThreads.named("portlock-readback"));
    this.getOrder = new GetOrderCall(transport, settings);
    this.createOrder = new CreateOrderCall(transport, settings, getOrder);
    this.listOrders = new ListOrdersCall(transport, settings, getOrder);
    this.readPasscodes = new ReadPasscodesCall(transport, settings);
    this.readAllPasscodes = new ReadAllPasscodesCall(transport, settings);
    this.listTns = new ListTnsCall(transport, settings, readbackPool);
    this.listInServiceNumbers = new ListInServiceNumbersCall(transport, settings);
    this.settings = settings;
  }

  /** A client with a Vert.x instance of its own, closed by {@link #close()}. */
  public static BandwidthClient create(ClientSettings settings) {
    Objects.requireNonNull(settings, "settings");
    VertxOptions options =
        new VertxOptions()
            .setEventLoopPoolSize(1)
            .setWorkerPoolSize(2)
            .setInternalBlockingPoolSize(2)
            // Vert.x would otherwise create a .vertx cache directory in the working directory.
            .setFileSystemOptions(
                new FileSystemOptions()
                    .setFileCachingEnabled(false)
                    .setClassPathResolvingEnabled(false));
    return new BandwidthClient(
        Vertx.vertx(options), true, settings, Sleeper.REAL, Clock.systemUTC());
  }

  /** A client on the caller's Vert.x instance, which {@link #close()} leaves open. */
  public static BandwidthClient create(ClientSettings settings, Vertx vertx) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(vertx, "vertx");
    return create(settings, vertx, Sleeper.REAL, Clock.systemUTC());
  }

  /** A client whose waits and wall clock are the caller's: tests wait minutes in no time. */
  static BandwidthClient create(
      ClientSettings settings, Vertx vertx, Sleeper sleeper, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(vertx, "vertx");
    return new BandwidthClient(vertx, false, settings, sleeper, clock);
  }

  @Override
  public OrderStatus createOrder(OrderRequest request) {
    return createOrder.send(Objects.requireNonNull(request, "request"));
  }

  @Override
  public OrderStatus getOrder(String orderId) {
    return getOrder.send(orderId);
  }

  /**
   * Summary items, if Bandwidth sends them despite {@code orderDetails=true}, are fetched one by
   * one.
   */
  @Override
  public List<OrderStatus> findOrdersByCustomerOrderId(String customerOrderId) {
    return listOrders.byCustomerOrderId(customerOrderId);
  }

  @Override
  public List<OrderStatus> findOrdersByNumber(long number) {
    return listOrders.byNumber(number);
  }

  /**
   * Numbers Bandwidth does not mention in its answer, or reports with an error code other than
   * 15619 and 15610, are in none of the result's sets.
   */
  @Override
  public PasscodeReadback readPasscodes(NumberSet numbers) {
    List<NumberSet> chunks = new ArrayList<>();
    for (int from = 0; from < numbers.size(); from += ReadPasscodesCall.MAX_NUMBERS) {
      chunks.add(
          numbers.slice(from, Math.min(numbers.size(), from + ReadPasscodesCall.MAX_NUMBERS)));
    }
    if (chunks.size() <= 1) {
      return chunks.isEmpty() ? new Readback().build() : readPasscodes.send(chunks.get(0)).build();
    }
    List<Future<Readback>> futures = new ArrayList<>();
    for (NumberSet chunk : chunks) {
      futures.add(readbackPool.submit(() -> readPasscodes.send(chunk)));
    }
    return collect(futures).build();
  }

  @Override
  public PasscodeReadback readAllPasscodes() {
    return readAllPasscodes.send().build();
  }

  @Override
  public InventoryRead readInventory(Consumer<AccountNumber> each) {
    Objects.requireNonNull(each, "each");
    AtomicLong handed = new AtomicLong();
    try {
      return listTns.send(
          n -> {
            handed.incrementAndGet();
            each.accept(n);
          });
    } catch (BandwidthException refused) {
      if (refused.httpStatus() != 403 || handed.get() > 0) {
        throw refused;
      }
      return readInServiceNumbers(each, refused);
    }
  }

  /** The fallback for credentials without the Numbers role. */
  private InventoryRead readInServiceNumbers(
      Consumer<AccountNumber> each, BandwidthException tnsRefused) {
    try {
      return listInServiceNumbers.send(each);
    } catch (BandwidthException refused) {
      if (refused.httpStatus() != 403) {
        throw refused;
      }
      String account = settings.account().value();
      BandwidthException both =
          new BandwidthException(
              "list the numbers of account "
                  + account
                  + " (GET /tns, then GET /accounts/"
                  + account
                  + "/inserviceNumbers)",
              403,
              tnsRefused.errorCode(),
              "both were refused to "
                  + settings.credentials().describe()
                  + "; give them the Numbers"
                  + " role (which GET /tns needs) in the Bandwidth Dashboard, or a role that may read"
                  + " in-service numbers",
              refused);
      both.addSuppressed(tnsRefused);
      throw both;
    }
  }

  private static Readback collect(List<Future<Readback>> futures) {
    Readback all = new Readback();
    try {
      for (Future<Readback> future : futures) {
        all.merge(future.get());
      }
      return all;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("a passcode read-back failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BandwidthException("read passcodes", 0, null, "interrupted", e);
    } finally {
      // After a failure the other chunks are pointless: stop them rather than wait.
      futures.forEach(f -> f.cancel(true));
    }
  }

  @Override
  public void close() {
    readbackPool.shutdownNow();
    transport.close();
    if (ownsVertx) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // Closing is best effort: the process is usually about to exit.
      }
    }
  }
}
