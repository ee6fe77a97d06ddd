/*
 * (a) The stateless pipeline of bench/stateless.ts on JSON text: keep event_type 0 with
 * obs.watts >= 50, project device_id, group_id, watts, temp and _ts, add kw = watts / 1000 and
 * hot = temp > 20, serialise. One flatMap: parse, filter, shape and print in one pass, the way
 * a Flink user writes a JSON-to-JSON step (no per-hop record copies).
 */
package asp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

final class StatelessJob extends RichFlatMapFunction<String, String> {
  private transient ObjectMapper json;

  @Override
  public void open(OpenContext ctx) {
    json = new ObjectMapper();
  }

  @Override
  public void flatMap(String line, Collector<String> out) throws Exception {
    JsonNode d = json.readTree(line);
    JsonNode obs = d.path("obs");
    JsonNode watts = obs.path("watts");
    if (d.path("event_type").asInt(-1) != 0 || !d.path("event_type").isNumber() || !watts.isNumber() || watts.asDouble() < 50) return;
    ObjectNode o = json.createObjectNode();
    o.set("device_id", d.get("device_id"));
    o.set("group_id", d.get("group_id"));
    o.set("_ts", d.get("_ts"));
    o.set("watts", watts);
    JsonNode temp = obs.get("temp");
    o.set("temp", temp);
    o.put("kw", watts.asDouble() / 1000);
    o.put("hot", temp != null && temp.isNumber() && temp.asDouble() > 20);
    out.collect(json.writeValueAsString(o));
  }
}
