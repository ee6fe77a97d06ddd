/**
 * `npm run generate`: derive files from the catalogs — the JSON Schemas for `.asp.json` and
 * `.asp.test.json` (contributed through jsonValidation), the README's stage table, and
 * docs/diagnostics.md from the code table (engine/core/codes.ts). `--check` fails when a
 * checked-in copy is stale, naming the command that refreshes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allStages } from '../engine/stages/registry';
import { stageSchema } from '../engine/parse/fieldSchema';
import { fixtureShape } from '../engine/testing/format';
import { schemaOf } from '../engine/testing/shape';
import { fieldsSchema } from '../engine/pipeline/processorFields';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_RANGES, RUNTIME_CODES, type DiagnosticCodeInfo } from '../engine/core/codes';

const root = join(__dirname, __dirname.includes('/out/') ? '../..' : '..');

export function pipelineSchema(): Record<string, unknown> {
  const stageProps: Record<string, unknown> = {};
  for (const s of allStages) {
    stageProps[s.name] = { ...stageSchema(s), description: `${s.summary}\n\n${s.syntax}\n\n${s.docsUrl}`, markdownDescription: `${s.summary}\n\n\`${s.syntax}\`\n\n[Documentation](${s.docsUrl})` };
  }
  const stage = {
    type: 'object',
    description: 'A pipeline stage: an object with exactly one stage name',
    minProperties: 1,
    maxProperties: 1,
    properties: stageProps,
    additionalProperties: false,
  };
  const pipeline = { type: 'array', minItems: 1, items: { $ref: '#/definitions/stage' } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://asp-studio.dev/schemas/asp-pipeline.schema.json',
    title: 'Atlas Stream Processing pipeline',
    description: 'A bare pipeline array, or a processor document: the Atlas Admin API StreamsProcessor body {name, pipeline, options, tier, failoverEnabled}. Generated from the stage catalog and the processor field table by `npm run generate`.',
    definitions: {
      stage,
      pipeline,
      duration: { type: 'object', required: ['size', 'unit'], properties: { size: { type: 'integer', minimum: 0 }, unit: { enum: ['ms', 'second', 'minute', 'hour', 'day'] } }, additionalProperties: false },
    },
    oneOf: [
      { $ref: '#/definitions/pipeline' },
      { ...fieldsSchema([], { $ref: '#/definitions/pipeline' }), required: ['pipeline'] },
    ],
  };
}

/** The `*.asp.test.json` schema: the fixture format (engine/testing/format.ts) with the pipeline schema inside. */
export function testSchema(): Record<string, unknown> {
  const p = pipelineSchema();
  return schemaOf(fixtureShape, {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://asp-studio.dev/schemas/asp-test.schema.json',
    title: 'ASP Studio pipeline tests',
  }, {
    ...(p['definitions'] as Record<string, Record<string, unknown>>),
    pipelineDocument: { description: 'A bare pipeline array, or a processor document {name, pipeline, options}', oneOf: p['oneOf'] },
    pipelineRef: {
      anyOf: [
        { type: 'string', minLength: 1, description: 'A pipeline file, relative to this fixture' },
        { $ref: '#/definitions/pipelineDocument' },
      ],
    },
  });
}

export function stageTable(): string {
  const where = (p: { main: boolean; window: boolean; payload: boolean }): string =>
    [p.main && 'main', p.window && 'window', p.payload && 'payload'].filter(Boolean).join(', ');
  const rows = allStages.map((s) => `| [\`${s.name}\`](${s.docsUrl}) | ${s.summary} | ${where(s.placement)} | ${s.create || s.kind === 'source' ? 'yes' : 'Atlas only'} |`);
  return ['| Stage | What it does | Allowed in | Runs locally |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** docs/diagnostics.md: every code, grouped by range, from engine/core/codes.ts. */
export function diagnosticsPage(): string {
  const cell = (t: string): string => t.replace(/\|/g, '\\|');
  const out = [
    '# Diagnostic and error codes',
    '',
    'Generated from `engine/core/codes.ts` by `npm run generate`; do not edit by hand.',
    '',
    'Located diagnostics (`ASPnnn`) appear in the editor, `asp validate` and the daemon\'s InvalidOptions replies.',
    'Runtime codes are the `code` of an engine error; the domain says what the runtime does with it',
    '(user: the document goes to the DLQ or the command fails with the message; external: retried with backoff; internal: a bug, the run stops).',
  ];
  const entries = Object.entries(DIAGNOSTIC_CODES) as [string, DiagnosticCodeInfo][];
  for (const [digit, title] of Object.entries(DIAGNOSTIC_RANGES)) {
    const rows = entries.filter(([c]) => c[3] === digit);
    if (!rows.length) continue;
    out.push('', `## ASP${digit}xx: ${title}`, '', '| Code | Severity | Summary | Raised by |', '| --- | --- | --- | --- |');
    for (const [c, i] of rows) out.push(`| ${c} | ${[i.severity, ...(i.also ?? [])].join(', ')} | ${cell(i.summary)} | ${i.raisedBy.map((r) => `\`${r}\``).join(', ')} |`);
  }
  out.push('', '## Runtime codes', '', '| Code | Domain | Summary | Raised by |', '| --- | --- | --- | --- |');
  for (const [c, i] of Object.entries(RUNTIME_CODES)) out.push(`| ${c} | ${i.domain} | ${cell(i.summary)} | ${i.raisedBy.map((r) => `\`${r}\``).join(', ')} |`);
  return out.join('\n') + '\n';
}

const START = '<!-- stages:start (generated by npm run generate) -->';
const END = '<!-- stages:end -->';

export function outputs(): { file: string; text: string }[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  const newReadme = a >= 0 && b > a ? readme.slice(0, a + START.length) + '\n' + stageTable() + '\n' + readme.slice(b) : readme;
  return [
    { file: join(root, 'schemas/asp-pipeline.schema.json'), text: JSON.stringify(pipelineSchema(), null, 2) + '\n' },
    { file: join(root, 'schemas/asp-test.schema.json'), text: JSON.stringify(testSchema(), null, 2) + '\n' },
    { file: join(root, 'README.md'), text: newReadme },
    { file: join(root, 'docs/diagnostics.md'), text: diagnosticsPage() },
  ];
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const o of outputs()) {
    let cur = '';
    try {
      cur = readFileSync(o.file, 'utf8');
    } catch {
      cur = '';
    }
    if (cur === o.text) continue;
    if (check) {
      process.stderr.write(`stale generated file: ${o.file} (run: npm run generate)\n`);
      stale++;
    } else {
      writeFileSync(o.file, o.text);
      process.stdout.write(`wrote ${o.file}\n`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
