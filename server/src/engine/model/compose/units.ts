/**
 * The YAML nodes an ignore comment can cover, by the line they start on: a mapping pair
 * (key line → last line of its value) or a sequence item. The outermost node wins.
 */
import { isPair, visit, type Node as YNode, type Pair } from 'yaml';
import type { ComposeModel } from './index';

export function composeUnits(model: Pick<ComposeModel, 'documents' | 'index'>): Map<number, { from: number; to: number }> {
  const { index } = model;
  const units = new Map<number, { from: number; to: number }>();
  const lastLine = (end: number) => {
    let e = end;
    while (e > 0 && /[\r\n \t]/.test(index.text[e - 1] as string)) e--;
    return index.positionAt(e).line;
  };
  const add = (start: number, end: number) => {
    const from = index.positionAt(start).line;
    const to = Math.max(from, lastLine(end));
    const prev = units.get(from);
    if (!prev || to > prev.to) units.set(from, { from, to });
  };
  for (const doc of model.documents) {
    visit(doc, {
      Pair(_k, pair: Pair) {
        const k = pair.key as YNode | null;
        const v = pair.value as YNode | null;
        if (k?.range) add(k.range[0], v?.range ? v.range[1] : k.range[1]);
      },
      Seq(_k, seq) {
        for (const it of seq.items) {
          const n = it as YNode;
          if (n && !isPair(n) && n.range) add(n.range[0], n.range[1]);
        }
      },
    });
  }
  return units;
}
