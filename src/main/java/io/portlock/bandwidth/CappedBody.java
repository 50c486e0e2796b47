package io.portlock.bandwidth;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Collects an answer's body while counting its bytes as they arrive, and gives up at a limit: a
 * server (or something posing as one) that sends gigabytes must not fill the heap.
 */
final class CappedBody implements BodyCodec<Buffer> {
  private final long maxBytes;

  CappedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The answer passed the limit; nothing of it is kept. */
  static final class TooLargeException extends RuntimeException {
    final long maxBytes;

    TooLargeException(long maxBytes) {
      super("the answer is larger than " + maxBytes + " bytes", null, false, false);
      this.maxBytes = maxBytes;
    }
  }

  @Override
  public void create(Handler<AsyncResult<BodyStream<Buffer>>> callback) {
    callback.handle(Future.succeededFuture(new Stream(maxBytes)));
  }

  private static final class Stream implements BodyStream<Buffer> {
    private final long maxBytes;
    private final Promise<Buffer> result = Promise.promise();
    private Buffer body = Buffer.buffer();

    Stream(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable failure) {
      body = null;
      result.tryFail(failure);
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      append(data);
      return Future.succeededFuture();
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
      append(data);
      if (handler != null) {
        handler.handle(Future.succeededFuture());
      }
    }

    private void append(Buffer data) {
      if (body == null) {
        return; // already refused: the rest is dropped as it arrives
      }
      if ((long) body.length() + data.length() > maxBytes) {
        body = null;
        result.tryFail(new TooLargeException(maxBytes));
        return;
      }
      body.appendBuffer(data);
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
      if (body != null) {
        result.tryComplete(body);
      }
      if (handler != null) {
        handler.handle(Future.succeededFuture());
      }
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
