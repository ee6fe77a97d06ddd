/*
 * Wall and CPU time of one job run, from its first generated record to its sink's end of
 * input. The MiniCluster runs every task in this JVM, so plain static fields carry the
 * readings from the source and sink back to FlinkBench; one job runs at a time.
 */
package asp.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

final class Timing {
  static final AtomicLong startNanos = new AtomicLong();
  static final AtomicLong startCpuNanos = new AtomicLong();
  static final AtomicLong endNanos = new AtomicLong();
  static final AtomicLong endCpuNanos = new AtomicLong();
  static final AtomicLong outputs = new AtomicLong();

  private Timing() {}

  static void reset() {
    startNanos.set(0);
    endNanos.set(0);
    outputs.set(0);
  }

  /** Process CPU time of all threads: task threads, the network stack between them, GC and JIT. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static void markStart() {
    if (startNanos.get() == 0 && startNanos.compareAndSet(0, System.nanoTime())) startCpuNanos.set(processCpuNanos());
  }

  static void markEnd() {
    endNanos.set(System.nanoTime());
    endCpuNanos.set(processCpuNanos());
  }
}
