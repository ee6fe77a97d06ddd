/**
 * Fetch the broker and mongo-java-server jars and the schema registry's distribution with
 * Maven (cached in ~/.m2 and copied or unpacked under .infra/), and compile the Mongo launcher
 * once. A second run finds everything and downloads nothing: each step is skipped when its
 * marker file exists.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INFRA, RECIPES } from './paths';

export interface Jars {
  kafkaLibs: string;
  mongoLibs: string;
  mongoClasses: string;
  /** Unpacked Apicurio Registry distribution (holds quarkus-run.jar). */
  registryApp: string;
}

function copyDeps(pom: string, out: string): void {
  const marker = path.join(out, '.complete');
  if (fs.existsSync(marker)) return;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  execFileSync('mvn', ['-B', '-ntp', '-q', '-f', pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${out}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(marker, new Date().toISOString());
}

/** Unpack the archive a pom names; the marker holds the pom's text, so a version bump refetches. */
function unpack(pom: string, out: string): void {
  const marker = path.join(out, '.complete');
  const recipe = fs.readFileSync(pom, 'utf8');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === recipe) return;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  execFileSync('mvn', ['-B', '-ntp', '-q', '-f', pom, 'dependency:unpack', `-Dregistry.out=${out}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(marker, recipe);
}

function compileLauncher(libs: string, out: string): void {
  const src = path.join(RECIPES, 'mongo', 'MongoTestServer.java');
  const cls = path.join(out, 'MongoTestServer.class');
  if (fs.existsSync(cls) && fs.statSync(cls).mtimeMs >= fs.statSync(src).mtimeMs) return;
  fs.mkdirSync(out, { recursive: true });
  execFileSync('javac', ['-cp', path.join(libs, '*'), '-d', out, src], { stdio: ['ignore', 'pipe', 'pipe'] });
}

export function fetchJars(): Jars {
  const jars: Jars = {
    kafkaLibs: path.join(INFRA, 'kafka', 'libs'),
    mongoLibs: path.join(INFRA, 'mongo', 'libs'),
    mongoClasses: path.join(INFRA, 'mongo', 'classes'),
    registryApp: path.join(INFRA, 'schema-registry', 'app'),
  };
  try {
    copyDeps(path.join(RECIPES, 'kafka', 'pom.xml'), jars.kafkaLibs);
    copyDeps(path.join(RECIPES, 'mongo', 'pom.xml'), jars.mongoLibs);
    compileLauncher(jars.mongoLibs, jars.mongoClasses);
    unpack(path.join(RECIPES, 'schemaRegistry', 'pom.xml'), jars.registryApp);
  } catch (e) {
    const err = e as { stderr?: Buffer; stdout?: Buffer; message: string };
    const detail = `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`.trim();
    throw new Error(`fetching test servers failed (needs java 17+, mvn and javac on PATH): ${detail || err.message}`);
  }
  return jars;
}
