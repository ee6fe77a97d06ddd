/*
 * Driver of the Flink side: `java -cp ... asp.bench.FlinkBench LINES_FILE`, then one command
 * per stdin line, `stateless` or `tumbling`; each runs that job once in a local MiniCluster at
 * parallelism 1 over the whole file and prints one JSON line:
 * {"job","docs","outputs","ms","cpuMs"} (time from the first record to the sink's end of input).
 * Staying up between commands lets the bench alternate rounds with a warm JVM.
 */
package asp.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

public final class FlinkBench {
  private FlinkBench() {}

  public static void main(String[] args) throws Exception {
    String file = args[0];
    long docs = Lines.load(file).length;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("{\"ready\":true,\"docs\":" + docs + "}");
    System.out.flush();
    for (String cmd; (cmd = in.readLine()) != null; ) {
      cmd = cmd.trim();
      if (cmd.isEmpty()) continue;
      if (cmd.equals("quit")) break;
      Timing.reset();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
      DataStream<String> lines = env.fromSource(new DataGeneratorSource<>(new Lines(file), docs, Types.STRING), WatermarkStrategy.noWatermarks(), "lines");
      DataStream<String> out;
      if (cmd.equals("stateless")) {
        out = lines.flatMap(new StatelessJob()).returns(Types.STRING);
      } else if (cmd.equals("tumbling")) {
        out = lines
            .map(new TumblingJob.Parse())
            .assignTimestampsAndWatermarks(WatermarkStrategy.<TumblingJob.Reading>forMonotonousTimestamps().withTimestampAssigner((r, t) -> r.ts))
            .keyBy(r -> r.deviceId, Types.STRING)
            .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
            .aggregate(new TumblingJob.AvgMaxCount(), new TumblingJob.ToJson(), Types.POJO(TumblingJob.Acc.class), Types.POJO(TumblingJob.Acc.class), Types.STRING);
      } else {
        System.out.println("{\"error\":\"unknown job " + cmd + "\"}");
        System.out.flush();
        continue;
      }
      out.sinkTo(new CountingSink());
      env.execute("asp-bench-" + cmd);
      double ms = (Timing.endNanos.get() - Timing.startNanos.get()) / 1e6;
      double cpuMs = (Timing.endCpuNanos.get() - Timing.startCpuNanos.get()) / 1e6;
      System.out.println("{\"job\":\"" + cmd + "\",\"docs\":" + docs + ",\"outputs\":" + Timing.outputs.get() + ",\"ms\":" + ms + ",\"cpuMs\":" + cpuMs + "}");
      System.out.flush();
    }
  }
}
