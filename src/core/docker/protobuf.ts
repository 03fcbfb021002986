// A minimal protobuf wire-format reader: enough to decode BuildKit's StatusResponse without
// shipping a schema compiler. Only varint, 64-bit, length-delimited and 32-bit wire types.

/** One decoded field: number, wire type and either a numeric value or the raw bytes. */
export interface PbField {
  no: number;
  wire: number;
  num?: number;
  bytes?: Uint8Array;
}

export function readFields(buf: Uint8Array): PbField[] {
  const out: PbField[] = [];
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('protobuf: truncated varint');
      const b = buf[pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, num: varint() });
    else if (wire === 1) {
      pos += 8;
      out.push({ no, wire });
    } else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) throw new Error('protobuf: truncated field');
      out.push({ no, wire, bytes: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 5) {
      pos += 4;
      out.push({ no, wire });
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
  return out;
}

const utf8 = new TextDecoder();
export const str = (f: PbField | undefined): string => (f?.bytes ? utf8.decode(f.bytes) : '');
