/**
 * Compares two V8 heap snapshots of one process (the soak's, with
 * SOAK_HEAP_SNAPSHOTS=<folder>):
 *
 *   node --max-old-space-size=6000 dist/bench/test/bench/heap-diff.js before.heapsnapshot after.heapsnapshot [--top 25]
 *
 * Prints, per constructor name, the growth in count, self size and retained
 * size; then the objects of the second snapshot that were not in the first
 * (the ids are stable within one process) by constructor; then who holds
 * those new objects: for each, the nearest retainer that already existed in
 * the first snapshot, with its path from the GC roots. A cache or a map that
 * only grows shows up there as one old holder with many new objects.
 */
import { readHeapSnapshot, type ClassStats } from './heap-snapshot';

const kb = (bytes: number): string => {
  const abs = Math.abs(bytes);
  const text = abs >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(abs >= 10240 ? 0 : 1)} KB`;
  return bytes > 0 ? `+${text}` : text;
};
const size = (bytes: number): string => kb(bytes).replace(/^\+/, '');
const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const cut = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}~` : text.padEnd(width));

interface Row {
  name: string;
  before: ClassStats;
  after: ClassStats;
}

function classTable(title: string, rows: Row[], key: (r: Row) => number, top: number): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(`  ${'constructor'.padEnd(48)} ${'count'.padStart(17)} ${'self'.padStart(20)} ${'retained'.padStart(20)}\n`);
  for (const r of [...rows].sort((a, b) => key(b) - key(a)).slice(0, top)) {
    const { before: a, after: b } = r;
    process.stdout.write(
      `  ${cut(r.name, 48)} ${`${b.count} (${signed(b.count - a.count)})`.padStart(17)} ` +
        `${`${size(b.self)} (${kb(b.self - a.self)})`.padStart(20)} ${`${size(b.retained)} (${kb(b.retained - a.retained)})`.padStart(20)}\n`,
    );
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 25;
  if (args.length !== 2) {
    process.stderr.write('usage: heap-diff.js <before.heapsnapshot> <after.heapsnapshot> [--top N]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const first = readHeapSnapshot(args[0]);
  const before = first.byClass;
  const oldIds = new Set<number>();
  for (let i = 0; i < first.nodeCount; i++) if (first.reachable(i)) oldIds.add(first.ids[i]);
  const beforeSelf = first.reachableSelf;
  const second = readHeapSnapshot(args[1]);
  process.stdout.write(
    `Reachable heap: ${size(beforeSelf)} -> ${size(second.reachableSelf)} (${kb(second.reachableSelf - beforeSelf)}); ` +
      `${first.nodeCount} -> ${second.nodeCount} objects (read in ${((performance.now() - t0) / 1000).toFixed(0)} s)\n`,
  );

  const none: ClassStats = { count: 0, self: 0, retained: 0 };
  const names = new Set([...before.keys(), ...second.byClass.keys()]);
  const rows: Row[] = [...names].map((name) => ({ name, before: before.get(name) ?? none, after: second.byClass.get(name) ?? none }));
  classTable('Growth by constructor, by self size:', rows, (r) => r.after.self - r.before.self, top);
  classTable('Growth by constructor, by retained size:', rows, (r) => r.after.retained - r.before.retained, top);

  // Objects of the second snapshot that the first did not have, and the nearest old object holding each.
  const fresh = new Map<string, { count: number; self: number }>();
  const holders = new Map<number, { count: number; self: number; edge: string; node: number }>();
  let freshCount = 0;
  let freshSelf = 0;
  for (let i = 0; i < second.nodeCount; i++) {
    if (!second.reachable(i) || oldIds.has(second.ids[i])) continue;
    const name = second.className(i);
    const self = second.selfSize(i);
    freshCount++;
    freshSelf += self;
    const f = fresh.get(name) ?? { count: 0, self: 0 };
    f.count++;
    f.self += self;
    fresh.set(name, f);
    const holder = second.nearestOld(i, (id) => oldIds.has(id));
    if (!holder) continue;
    const h = holders.get(holder.node) ?? { count: 0, self: 0, edge: holder.edge, node: holder.node };
    h.count++;
    h.self += self;
    holders.set(holder.node, h);
  }
  process.stdout.write(`\nObjects new since the first snapshot and still reachable: ${freshCount}, ${size(freshSelf)}\n`);
  for (const [name, f] of [...fresh].sort((a, b) => b[1].self - a[1].self).slice(0, top)) {
    process.stdout.write(`  ${cut(name, 60)} ${String(f.count).padStart(9)} ${size(f.self).padStart(10)}\n`);
  }
  process.stdout.write(`\nWho holds them: the nearest retainer that was already there, its new objects, and its path from the roots:\n`);
  for (const h of [...holders.values()].sort((a, b) => b.self - a.self).slice(0, Math.min(top, 15))) {
    process.stdout.write(`  ${String(h.count).padStart(8)} objects ${size(h.self).padStart(10)} under .${h.edge} of\n`);
    process.stdout.write(`      ${second.retainerPath(h.node).join(' -> ')}\n`);
  }
}

main();
