/**
 * Reads a V8 .heapsnapshot (as v8.writeHeapSnapshot writes it) and answers
 * what heap-diff.ts compares: per constructor (class) name the objects' count,
 * self size and retained size (the memory that would go with them, from the
 * dominator tree, each object counted once under its outermost same-class
 * dominator), the ids of all objects (stable between two snapshots of one
 * process), and the shortest retainer path from the GC roots to an object.
 */
import fs from 'node:fs';

interface RawSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface ClassStats {
  count: number;
  self: number;
  retained: number;
}

export interface HeapSnapshot {
  nodeCount: number;
  /** Objects reachable from the roots (weak references aside), their self sizes summed. */
  reachableSelf: number;
  byClass: Map<string, ClassStats>;
  /** Each node's object id; the same object has the same id in every snapshot of one process. */
  ids: Float64Array;
  className(node: number): string;
  selfSize(node: number): number;
  retainedSize(node: number): number;
  reachable(node: number): boolean;
  /** The shortest chain of retainers from a GC root to the node, the node last: "Class.edge" steps. */
  retainerPath(node: number, maxSteps?: number): string[];
  /** Up the shortest retainer chain: the first retainer `isOld` accepts (by id), and its edge toward the node. */
  nearestOld(node: number, isOld: (id: number) => boolean): { node: number; edge: string } | null;
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

export function readHeapSnapshot(file: string): HeapSnapshot {
  const size = fs.statSync(file).size;
  // V8's longest string: a bigger file cannot be read in one piece.
  if (size > 500 * 1024 * 1024) throw new Error(`${file}: ${Math.round(size / 1048576)} MB, too big to read at once`);
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as RawSnapshot;
  const { meta } = raw.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const [nType, nName, nId, nSelf, nEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f));
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f));
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const weak = edgeTypes.indexOf('weak');
  const named = new Set(['context', 'property', 'internal', 'shortcut'].map((t) => edgeTypes.indexOf(t)));
  const { nodes, edges, strings } = raw;
  const n = nodes.length / nf;

  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) firstEdge[i + 1] = firstEdge[i] + nodes[i * nf + nEdges] * ef;
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) ids[i] = nodes[i * nf + nId];

  const classCache = new Map<number, string>();
  const className = (node: number): string => {
    const type = nodeTypes[nodes[node * nf + nType]];
    const name = strings[nodes[node * nf + nName]];
    if (type === 'object' || type === 'native') return name;
    if (STRING_TYPES.has(type)) return '(string)';
    if (type === 'closure') return `(closure) ${name || 'anonymous'}`;
    return `(${type}) ${name.slice(0, 60)}`;
  };
  // Class names as small numbers, for the per-class sums.
  const classIndex = new Map<string, number>();
  const classOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const key = className(i);
    let c = classIndex.get(key);
    if (c === undefined) {
      c = classIndex.size;
      classIndex.set(key, c);
      classCache.set(c, key);
    }
    classOf[i] = c;
  }
  const selfSize = (node: number) => nodes[node * nf + nSelf];

  // Retainers (reverse edges, weak ones left out): for the dominators and the retainer paths.
  const retainerCount = new Uint32Array(n + 1);
  for (let e = 0; e < edges.length; e += ef) if (edges[e + eType] !== weak) retainerCount[edges[e + eTo] / nf + 1]++;
  for (let i = 0; i < n; i++) retainerCount[i + 1] += retainerCount[i];
  const retainerStart = retainerCount;
  const fill = retainerStart.slice();
  const retainers = new Uint32Array(retainerStart[n]);
  const retainerEdge = new Uint32Array(retainerStart[n]);
  for (let from = 0; from < n; from++) {
    for (let e = firstEdge[from]; e < firstEdge[from + 1]; e += ef) {
      if (edges[e + eType] === weak) continue;
      const to = edges[e + eTo] / nf;
      retainers[fill[to]] = from;
      retainerEdge[fill[to]++] = e;
    }
  }

  // Depth-first post order from the root (node 0), and each node's distance from it (breadth first).
  const post = new Int32Array(n).fill(-1);
  const order = new Uint32Array(n);
  let visited = 0;
  {
    const stack = new Uint32Array(n);
    const cursor = new Uint32Array(n);
    const seen = new Uint8Array(n);
    let top = 0;
    stack[0] = 0;
    seen[0] = 1;
    cursor[0] = firstEdge[0];
    while (top >= 0) {
      const node = stack[top];
      let pushed = false;
      while (cursor[node] < firstEdge[node + 1]) {
        const e = cursor[node];
        cursor[node] += ef;
        if (edges[e + eType] === weak) continue;
        const to = edges[e + eTo] / nf;
        if (seen[to]) continue;
        seen[to] = 1;
        cursor[to] = firstEdge[to];
        stack[++top] = to;
        pushed = true;
        break;
      }
      if (!pushed) {
        post[node] = visited;
        order[visited++] = node;
        top--;
      }
    }
  }
  const distance = new Int32Array(n).fill(-1);
  {
    const queue = new Uint32Array(n);
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    distance[0] = 0;
    while (head < tail) {
      const node = queue[head++];
      for (let e = firstEdge[node]; e < firstEdge[node + 1]; e += ef) {
        const to = edges[e + eTo] / nf;
        if (edges[e + eType] === weak || distance[to] >= 0) continue;
        distance[to] = distance[node] + 1;
        queue[tail++] = to;
      }
    }
  }

  // Immediate dominators (Cooper, Harvey and Kennedy's iteration), over post-order numbers.
  const UNDEF = -1;
  const idom = new Int32Array(visited).fill(UNDEF);
  const root = post[0];
  idom[root] = root;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (a < b) a = idom[a];
      while (b < a) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let p = visited - 1; p >= 0; p--) {
      if (p === root) continue;
      const node = order[p];
      let next = UNDEF;
      for (let r = retainerStart[node]; r < retainerStart[node + 1]; r++) {
        const q = post[retainers[r]];
        if (q < 0 || idom[q] === UNDEF) continue;
        next = next === UNDEF ? q : intersect(q, next);
      }
      if (next !== UNDEF && idom[p] !== next) {
        idom[p] = next;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(visited);
  let reachableSelf = 0;
  for (let p = 0; p < visited; p++) {
    retained[p] += selfSize(order[p]);
    reachableSelf += selfSize(order[p]);
    if (p !== root) retained[idom[p]] += retained[p];
  }

  // Per class: count and self size of the reachable objects; retained size of those no same-class object dominates.
  const classes = classIndex.size;
  const count = new Float64Array(classes);
  const self = new Float64Array(classes);
  const classRetained = new Float64Array(classes);
  {
    const childStart = new Uint32Array(visited + 1);
    for (let p = 0; p < visited; p++) if (p !== root) childStart[idom[p] + 1]++;
    for (let p = 0; p < visited; p++) childStart[p + 1] += childStart[p];
    const at = childStart.slice();
    const children = new Uint32Array(Math.max(visited - 1, 0));
    for (let p = 0; p < visited; p++) if (p !== root) children[at[idom[p]]++] = p;
    const onPath = new Uint32Array(classes);
    const stack = new Int32Array(visited * 2 + 2);
    let top = 0;
    stack[top++] = root;
    while (top > 0) {
      const item = stack[--top];
      if (item < 0) {
        onPath[classOf[order[~item]]]--;
        continue;
      }
      const c = classOf[order[item]];
      count[c]++;
      self[c] += selfSize(order[item]);
      if (onPath[c] === 0) classRetained[c] += retained[item];
      onPath[c]++;
      stack[top++] = ~item;
      for (let k = childStart[item]; k < childStart[item + 1]; k++) stack[top++] = children[k];
    }
  }
  const byClass = new Map<string, ClassStats>();
  for (const [key, c] of classIndex) if (count[c] > 0) byClass.set(key, { count: count[c], self: self[c], retained: classRetained[c] });

  const edgeName = (e: number): string => {
    const v = edges[e + eName];
    return named.has(edges[e + eType]) ? strings[v] : `[${v}]`;
  };
  /** The retainer on the shortest path from the root (its index in `retainers`), or -1. */
  const closest = (at: number): number => {
    let best = -1;
    for (let r = retainerStart[at]; r < retainerStart[at + 1]; r++) {
      const from = retainers[r];
      if (distance[from] >= 0 && (best < 0 || distance[from] < distance[retainers[best]])) best = r;
    }
    return best;
  };
  // Memo of nearestOld: per node, the retainer index of its answer (+1; 0 not known yet, -1 none).
  const holderOf = new Int32Array(n);
  const nearestOld = (node: number, isOld: (id: number) => boolean): { node: number; edge: string } | null => {
    const chain: number[] = [];
    let at = node;
    let answer = 0;
    while (answer === 0) {
      if (holderOf[at] !== 0) {
        answer = holderOf[at];
        break;
      }
      chain.push(at);
      const r = distance[at] > 0 ? closest(at) : -1;
      if (r < 0) answer = -1;
      else if (isOld(ids[retainers[r]]) || retainers[r] === 0) answer = r + 1;
      else at = retainers[r];
    }
    for (const c of chain) holderOf[c] = answer;
    return answer < 0 ? null : { node: retainers[answer - 1], edge: edgeName(retainerEdge[answer - 1]) };
  };
  const retainerPath = (node: number, maxSteps = 12): string[] => {
    const path = [className(node).slice(0, 60)];
    let at = node;
    // A node at distance 1 hangs from the synthetic root itself: the GC roots' groups.
    while (distance[at] > 1 && path.length < maxSteps) {
      const best = closest(at);
      if (best < 0) break;
      at = retainers[best];
      path.unshift(`${className(at).slice(0, 50)}.${edgeName(retainerEdge[best])}`);
    }
    if (distance[at] > 1) path.unshift('...');
    return path;
  };

  return {
    nodeCount: n,
    reachableSelf,
    byClass,
    ids,
    className,
    selfSize,
    retainedSize: (node) => (post[node] >= 0 ? retained[post[node]] : 0),
    reachable: (node) => post[node] >= 0,
    retainerPath,
    nearestOld,
  };
}
