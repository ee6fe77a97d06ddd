/* The sink of both jobs: counts what reaches it, discards it, and marks the end of input. */
package asp.bench;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

final class CountingSink implements Sink<String> {
  @Override
  public SinkWriter<String> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      private long n;
      private long bytes;

      @Override
      public void write(String element, Context ctx) {
        n++;
        // Reading the text keeps the serialisation from being optimised away.
        bytes += element.length();
      }

      @Override
      public void flush(boolean endOfInput) {
        if (endOfInput) {
          Timing.outputs.addAndGet(bytes > 0 ? n : 0);
          Timing.markEnd();
        }
      }

      @Override
      public void close() {}
    };
  }
}
