// Completion and hover come from the stages' field tables: for every stage in the catalog, its
// option keys are completed and hovered from its table (with enum values), and a root-role
// stage's argument is completed by its role (query operators, field names, expressions...).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { allStages } from '../../engine/stages/registry';
import type { StageSpec } from '../../engine/parse/types';
import { at, labels, service, REGISTRY } from './helpers';

const s = service(REGISTRY);
const SRC = '{ "$source": { "connectionName": "sample_stream_solar" } }';

/** A pipeline with `stage` (text) where the stage may stand. */
function place(spec: StageSpec, stage: string): string {
  if (spec.kind === 'source') return `[ ${stage} ]`;
  if (spec.kind === 'windowOnly') return `[ ${SRC}, { "$tumblingWindow": { "interval": { "size": 1, "unit": "second" }, "pipeline": [ ${stage} ] } } ]`;
  return `[ ${SRC}, ${stage} ]`;
}

function hoverText(text: string): string {
  const { doc, pos } = at(text);
  const h: Hover | null = s.hover(doc, pos);
  return h ? (h.contents as { value: string }).value : '';
}

/** What completion offers at the root of an argument of each root role. */
const ROOT: Record<string, { arg: string; expect: string }> = {
  query: { arg: '{ "|" }', expect: '$and' },
  fieldMap: { arg: '{ "|" }', expect: 'device_id' },
  projection: { arg: '{ "|" }', expect: 'device_id' },
  sort: { arg: '{ "|" }', expect: 'obs.watts' },
  group: { arg: '{ "|" }', expect: '_id' },
  expr: { arg: '|', expect: '$mergeObjects' },
  fieldName: { arg: '"|"', expect: 'device_id' },
};

for (const spec of allStages) {
  test(`${spec.name}: completion and hover from the catalog`, () => {
    const key = spec.name.slice(1);
    assert.match(hoverText(place(spec, `{ "$${key.slice(0, 1)}|${key.slice(1)}": {} }`)), new RegExp(`\\*\\*\\${spec.name}\\*\\*`));
    if (spec.fields) {
      const offered = labels(s, place(spec, `{ "${spec.name}": { "|" } }`));
      for (const f of spec.fields) assert.ok(offered.includes(f.name), `${spec.name}: ${f.name} offered (${offered.join(', ')})`);
      const first = spec.fields[0]!;
      const hover = hoverText(place(spec, `{ "${spec.name}": { "${first.name.slice(0, 1)}|${first.name.slice(1)}": 1 } }`));
      assert.ok(hover.includes(first.description), `${spec.name}.${first.name} hover: ${hover}`);
      const withEnum = spec.fields.find((f) => f.enum && f.enum.every((v) => typeof v === 'string'));
      if (withEnum) {
        const values = labels(s, place(spec, `{ "${spec.name}": { "${withEnum.name}": "|" } }`));
        assert.deepEqual(values, withEnum.enum!.map((v) => JSON.stringify(v)), `${spec.name}.${withEnum.name} values`);
      }
    } else if (spec.rootRole && ROOT[spec.rootRole]) {
      const { arg, expect } = ROOT[spec.rootRole]!;
      const offered = labels(s, place(spec, `{ "${spec.name}": ${arg} }`));
      assert.ok(offered.includes(expect), `${spec.name} (${spec.rootRole}): ${expect} offered (${offered.slice(0, 20).join(', ')})`);
    } else {
      // $limit: a number, nothing to complete
      assert.equal(spec.rootRole, 'literal', spec.name);
    }
  });
}

test('connection fields complete the connections of the types their table names', () => {
  assert.deepEqual(labels(s, `[ ${SRC}, { "$lookup": { "from": { "connectionName": "|" } } } ]`).sort(), ['atlas1', 'local']);
  assert.deepEqual(labels(s, `[ ${SRC}, { "$emit": { "connectionName": "|" } } ]`).sort(), ['__testLog', 'atlas1', 'kafka1', 'local']);
  assert.deepEqual(labels(s, `[ ${SRC}, { "$cachedLookup": { "from": { "connectionName": "|" } } } ]`).sort(), ['atlas1', 'local']);
});

test('nested option keys and duration units come from the table', () => {
  assert.deepEqual(labels(s, `[ ${SRC}, { "$merge": { "into": { "|" } } } ]`).sort(), ['coll', 'connectionName', 'db']);
  const units = labels(s, `[ ${SRC}, { "$tumblingWindow": { "interval": { "size": 1, "unit": "|" } } } ]`);
  assert.deepEqual(units, ['"ms"', '"second"', '"minute"', '"hour"', '"day"']);
  assert.match(hoverText(`[ ${SRC}, { "$https": { "connectionName": "web", "on|Error": "dlq" } } ]`), /One of: `"dlq"`, `"ignore"`, `"fail"`[\s\S]*Default: `"dlq"`/);
});
