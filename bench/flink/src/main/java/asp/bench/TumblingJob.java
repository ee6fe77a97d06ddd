/*
 * (b) The tumbling window of bench/tumbling.ts on JSON text: parse each line (Jackson), take
 * event time from _ts.$date, key by device_id, 1-second event-time tumbling windows with
 * avg, max and count of obs.watts, each result serialised as JSON. Watermarks follow the
 * maximum timestamp (no lateness), as the engine's do.
 */
package asp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

final class TumblingJob {
  private TumblingJob() {}

  /** The parsed fields the window needs (a POJO, so Flink's fast POJO serializer moves it). */
  public static final class Reading {
    public String deviceId;
    public double watts;
    public boolean hasWatts;
    public long ts;

    public Reading() {}
  }

  /** Running avg (sum, count), max and count of one key's window. */
  public static final class Acc {
    public double sum;
    public long avgN;
    public double max = Double.NEGATIVE_INFINITY;
    public boolean hasMax;
    public long n;

    public Acc() {}
  }

  static final class Parse extends RichMapFunction<String, Reading> {
    private transient ObjectMapper json;

    @Override
    public void open(OpenContext ctx) {
      json = new ObjectMapper();
    }

    @Override
    public Reading map(String line) throws Exception {
      JsonNode d = json.readTree(line);
      Reading r = new Reading();
      r.deviceId = d.path("device_id").asText();
      JsonNode w = d.path("obs").path("watts");
      r.hasWatts = w.isNumber();
      r.watts = w.asDouble();
      r.ts = Instant.parse(d.path("_ts").path("$date").asText()).toEpochMilli();
      return r;
    }
  }

  static final class AvgMaxCount implements AggregateFunction<Reading, Acc, Acc> {
    @Override
    public Acc createAccumulator() {
      return new Acc();
    }

    @Override
    public Acc add(Reading r, Acc a) {
      a.n++;
      if (r.hasWatts) {
        a.sum += r.watts;
        a.avgN++;
        if (!a.hasMax || r.watts > a.max) a.max = r.watts;
        a.hasMax = true;
      }
      return a;
    }

    @Override
    public Acc getResult(Acc a) {
      return a;
    }

    @Override
    public Acc merge(Acc a, Acc b) {
      a.sum += b.sum;
      a.avgN += b.avgN;
      if (b.hasMax && (!a.hasMax || b.max > a.max)) a.max = b.max;
      a.hasMax |= b.hasMax;
      a.n += b.n;
      return a;
    }
  }

  static final class ToJson extends ProcessWindowFunction<Acc, String, String, TimeWindow> {
    private transient ObjectMapper json;

    @Override
    public void open(OpenContext ctx) {
      json = new ObjectMapper();
    }

    @Override
    public void process(String key, Context ctx, Iterable<Acc> accs, Collector<String> out) throws Exception {
      Acc a = accs.iterator().next();
      ObjectNode o = json.createObjectNode();
      o.put("_id", key);
      if (a.avgN > 0) o.put("avgWatts", a.sum / a.avgN);
      else o.putNull("avgWatts");
      if (a.hasMax) o.put("maxWatts", a.max);
      else o.putNull("maxWatts");
      o.put("n", a.n);
      out.collect(json.writeValueAsString(o));
    }
  }
}
