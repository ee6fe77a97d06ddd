/** Markdown for stage and operator documentation (completion details and hover share it). */
import type { StageSpec } from '../../engine/parse/types';
import type { OperatorDoc } from './types';

export function stageMarkdown(s: StageSpec, withExample = true): string {
  const parts = [`**${s.name}** (${kindLabel(s.kind)})`, s.summary, '```json\n' + s.syntax + '\n```'];
  const ex = withExample ? s.examples.find((e) => e.stage) : undefined;
  if (ex) parts.push(`Example: ${ex.title}\n\`\`\`json\n${JSON.stringify(ex.stage)}\n\`\`\``);
  parts.push(`[MongoDB docs](${s.docsUrl})`);
  return parts.join('\n\n');
}

export function operatorMarkdown(o: OperatorDoc, withExample = true): string {
  const parts = [`**${o.name}**${o.category ? ` (${o.category})` : ''}`, o.summary, '```json\n' + o.syntax + '\n```'];
  const ex = withExample ? (o.examples?.[0] as { expr?: unknown; expected?: unknown; filter?: unknown; doc?: unknown; matches?: boolean } | undefined) : undefined;
  if (ex && ex.expr !== undefined) {
    const result = ex.expected === undefined ? '' : ` → ${JSON.stringify(ex.expected)}`;
    parts.push(`Example: \`${JSON.stringify(ex.expr)}\`${result}`);
  } else if (ex && ex.filter !== undefined && ex.matches !== undefined) {
    parts.push(`Example: \`${JSON.stringify(ex.filter)}\` ${ex.matches ? 'matches' : 'does not match'} \`${JSON.stringify(ex.doc)}\``);
  }
  parts.push(`[MongoDB docs](${o.docsUrl})`);
  return parts.join('\n\n');
}

export function kindLabel(k: string): string {
  switch (k) {
    case 'source':
      return 'source: first stage';
    case 'sink':
      return 'sink: last stage';
    case 'window':
      return 'window';
    case 'windowOnly':
      return 'only inside a window pipeline';
    default:
      return 'stage';
  }
}
