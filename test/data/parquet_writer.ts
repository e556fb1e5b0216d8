/**
 * A minimal Parquet writer for test fixtures (no Parquet writer is installed): one row group,
 * required flat columns, PLAIN encoding, no compression, data page v1. Types: 'int64'
 * (INT64), 'double' (DOUBLE), 'utf8' (BYTE_ARRAY + UTF8). Thrift compact protocol by hand
 * (parquet-format: FileMetaData, SchemaElement, RowGroup, ColumnChunk, ColumnMetaData,
 * PageHeader, DataPageHeader).
 */
type Col = { name: string; type: 'int64' | 'double' | 'utf8'; values: Array<number | string> };

class Compact {
  bytes: number[] = [];
  private last: number[] = [0];
  varint(n: bigint): void {
    let v = n;
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      this.bytes.push(b);
    } while (v !== 0n);
  }
  zigzag(n: number | bigint): void {
    const v = BigInt(n);
    this.varint(v >= 0n ? v << 1n : ((-v) << 1n) - 1n);
  }
  field(id: number, type: number): void {
    const delta = id - this.last[this.last.length - 1];
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.last[this.last.length - 1] = id;
  }
  i32(id: number, v: number): void { this.field(id, 5); this.zigzag(v); }
  i64(id: number, v: number): void { this.field(id, 6); this.zigzag(v); }
  str(id: number, s: string): void { this.field(id, 8); this.rawStr(s); }
  rawStr(s: string): void { const b = Buffer.from(s, 'utf8'); this.varint(BigInt(b.length)); this.bytes.push(...b); }
  struct(id: number, body: () => void): void { this.field(id, 12); this.begin(); body(); this.end(); }
  begin(): void { this.last.push(0); }
  end(): void { this.bytes.push(0); this.last.pop(); }
  list(id: number, elemType: number, n: number, each: (i: number) => void): void {
    this.field(id, 9);
    if (n < 15) this.bytes.push((n << 4) | elemType);
    else { this.bytes.push(0xf0 | elemType); this.varint(BigInt(n)); }
    for (let i = 0; i < n; i++) each(i);
  }
}

const PT = { int64: 2, double: 5, utf8: 6 } as const;

export function writeParquet(cols: Col[]): Uint8Array {
  const rows = cols[0].values.length;
  const out: number[] = [...Buffer.from('PAR1')];
  const chunks: Array<{ offset: number; size: number }> = [];
  for (const c of cols) {
    const data: number[] = [];
    for (const v of c.values) {
      if (c.type === 'utf8') {
        const b = Buffer.from(String(v), 'utf8');
        const len = Buffer.alloc(4); len.writeUInt32LE(b.length); data.push(...len, ...b);
      } else {
        const b = Buffer.alloc(8);
        if (c.type === 'int64') b.writeBigInt64LE(BigInt(v as number)); else b.writeDoubleLE(v as number);
        data.push(...b);
      }
    }
    const ph = new Compact();
    ph.i32(1, 0); ph.i32(2, data.length); ph.i32(3, data.length);
    ph.struct(5, () => { ph.i32(1, rows); ph.i32(2, 0); ph.i32(3, 3); ph.i32(4, 3); });
    ph.bytes.push(0);
    const offset = out.length;
    out.push(...ph.bytes, ...data);
    chunks.push({ offset, size: ph.bytes.length + data.length });
  }
  const m = new Compact();
  m.i32(1, 1);
  m.list(2, 12, cols.length + 1, (i) => {
    m.begin();
    if (i === 0) { m.str(4, 'schema'); m.i32(5, cols.length); }
    else {
      const c = cols[i - 1];
      m.i32(1, PT[c.type]); m.i32(3, 0); m.str(4, c.name);
      if (c.type === 'utf8') m.i32(6, 0);
    }
    m.end();
  });
  m.i64(3, rows);
  m.list(4, 12, 1, () => {
    m.begin();
    m.list(1, 12, cols.length, (i) => {
      m.begin();
      m.i64(2, chunks[i].offset);
      m.struct(3, () => {
        const c = cols[i];
        m.i32(1, PT[c.type]);
        m.list(2, 5, 1, () => m.zigzag(0));
        m.list(3, 8, 1, () => m.rawStr(c.name));
        m.i32(4, 0);
        m.i64(5, rows); m.i64(6, chunks[i].size); m.i64(7, chunks[i].size); m.i64(9, chunks[i].offset);
      });
      m.end();
    });
    m.i64(2, chunks.reduce((a, c) => a + c.size, 0));
    m.i64(3, rows);
    m.end();
  });
  m.bytes.push(0);
  const len = Buffer.alloc(4); len.writeUInt32LE(m.bytes.length);
  out.push(...m.bytes, ...len, ...Buffer.from('PAR1'));
  return Uint8Array.from(out);
}
