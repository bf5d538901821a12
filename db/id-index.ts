// Numbers for model ids, compared as SQLite's NOCASE does (A-Z folded), kept off the JS object heap: every spelling
// in one string and an open-addressing table in typed arrays, so a full garbage collection has millions fewer
// objects to mark (a Map of 1.75M ids made each one pause about 100 ms).

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** FNV-1a over the folded UTF-16 code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ fold(id.charCodeAt(i)), 0x01000193);
  return h;
}

function compareFolded(a: string, b: string): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const d = fold(a.charCodeAt(i)) - fold(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export class IdIndex {
  /** node + 1 per slot, 0 = empty. */
  private table = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 11);
  private count = 0;
  /** Spellings while ids are added; joined into `names` by seal(). */
  private pending: string[] | null = [];
  private names = "";
  private offsets = new Int32Array(1);
  /** Spellings added after seal() (a graph brought up to date from a change journal), numbers from `sealed` on. */
  private later: string[] = [];
  private sealed = 0;

  get size(): number {
    return this.count;
  }

  /** The number of `id`, a new one when it is not known yet (after seal() kept apart from the joined spellings). */
  add(id: string): number {
    const hash = hashOf(id);
    const slot = this.probe(id, hash);
    if (this.table[slot] !== 0) return this.table[slot] - 1;
    const v = this.count++;
    (this.pending ?? this.later).push(id);
    if (v === this.hashes.length) {
      const bigger = new Int32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[v] = hash;
    this.table[slot] = v + 1;
    if (this.count * 2 > this.table.length) this.grow();
    return v;
  }

  /** The number of `id`, or -1. */
  find(id: string): number {
    return this.table[this.probe(id, hashOf(id))] - 1;
  }

  /** Ends adding: the spellings become one string. */
  seal(): void {
    const pending = this.pending ?? [];
    this.offsets = new Int32Array(pending.length + 1);
    for (let v = 0; v < pending.length; v++) this.offsets[v + 1] = this.offsets[v] + pending[v].length;
    this.names = pending.join("");
    this.pending = null;
    this.sealed = pending.length;
  }

  /** The spelling `v` was first added with. */
  spelling(v: number): string {
    if (this.pending) return this.pending[v];
    if (v >= this.sealed) return this.later[v - this.sealed];
    return this.names.slice(this.offsets[v], this.offsets[v + 1]);
  }

  /** Negative, 0 or positive as idKey(a's spelling) sorts before, equal to or after idKey(b's) (JS string order). */
  compare(a: number, b: number): number {
    if (a >= this.sealed || b >= this.sealed) return compareFolded(this.spelling(a), this.spelling(b));
    const names = this.names;
    const startA = this.offsets[a];
    const startB = this.offsets[b];
    const lengthA = this.offsets[a + 1] - startA;
    const lengthB = this.offsets[b + 1] - startB;
    for (let i = 0; i < lengthA && i < lengthB; i++) {
      const d = fold(names.charCodeAt(startA + i)) - fold(names.charCodeAt(startB + i));
      if (d !== 0) return d;
    }
    return lengthA - lengthB;
  }

  /** The slot holding `id`, or the empty slot where it would go. */
  private probe(id: string, hash: number): number {
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0 || (this.hashes[entry - 1] === hash && this.isSpelledAs(entry - 1, id))) return slot;
    }
  }

  private isSpelledAs(v: number, id: string): boolean {
    const known = this.spelling(v);
    if (known.length !== id.length) return false;
    for (let i = 0; i < id.length; i++) if (fold(known.charCodeAt(i)) !== fold(id.charCodeAt(i))) return false;
    return true;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let v = 0; v < this.count; v++) {
      let slot = this.hashes[v] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = v + 1;
    }
    this.table = table;
  }
}
