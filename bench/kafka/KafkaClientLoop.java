/*
 * The Java-client ceiling of the Kafka benchmark: Kafka's own KafkaConsumer and KafkaProducer
 * (the kafka-clients jar the test setup fetches) doing the same per-message work as the engine
 * and the kafkajs loop (bench/kafka/transform.ts): Jackson parse, keep obs.watts >= 0, add
 * _stream_meta.source, serialise, produce. At-least-once like the others: every second the
 * producer is flushed (all sends acknowledged) before the consumed positions are committed.
 * Runs until it is killed. Args: BROKERS INPUT OUTPUT GROUP
 */
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public final class KafkaClientLoop {
  public static void main(String[] args) throws Exception {
    String brokers = args[0], input = args[1], output = args[2], group = args[3];
    Properties c = new Properties();
    c.put("bootstrap.servers", brokers);
    c.put("group.id", group);
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", "earliest");
    c.put("max.poll.records", "5000");
    c.put("max.partition.fetch.bytes", bytes(4 << 20));
    c.put("fetch.max.bytes", bytes(32 << 20));
    Properties p = new Properties();
    p.put("bootstrap.servers", brokers);
    p.put("acks", "all");
    p.put("linger.ms", "5");
    p.put("batch.size", bytes(256 << 10));
    p.put("compression.type", "none");
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer.subscribe(List.of(input));
      long lastCommit = System.nanoTime();
      for (;;) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          JsonNode d = json.readTree(r.value());
          JsonNode w = d.path("obs").path("watts");
          if (!w.isNumber() || w.asDouble() < 0) continue;
          ObjectNode source = json.createObjectNode();
          source.put("type", "kafka").put("topic", r.topic()).put("partition", r.partition()).put("offset", r.offset());
          source.putArray("headers");
          ((ObjectNode) d).putObject("_stream_meta").set("source", source);
          producer.send(new ProducerRecord<>(output, r.partition(), null, json.writeValueAsBytes(d)));
        }
        if (System.nanoTime() - lastCommit > 1_000_000_000L) {
          producer.flush();
          consumer.commitSync();
          lastCommit = System.nanoTime();
        }
      }
    }
  }

  private static String bytes(int n) {
    return Integer.toString(n);
  }
}
