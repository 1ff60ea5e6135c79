/**
 * Arrow columns built straight from typed arrays. Arrow's own builders compile their null
 * checks with `new Function`, which the extension's CSP (rightly) forbids; these do not.
 */
import { Float64, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

function validity(n: number, isValid: (i: number) => boolean): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(n / 8));
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (isValid(i)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return { bitmap, nulls };
}

export function float64Column(values: (number | null)[]): Vector<Float64> {
  const data = new Float64Array(values.length);
  values.forEach((v, i) => (data[i] = v ?? 0));
  const { bitmap, nulls } = validity(values.length, (i) => typeof values[i] === 'number' && Number.isFinite(values[i]));
  return makeVector(makeData({ type: new Float64(), length: values.length, nullCount: nulls, data, nullBitmap: bitmap }));
}

export function utf8Column(values: (string | null)[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const encoded = values.map((v) => (v === null ? new Uint8Array(0) : encoder.encode(v)));
  const offsets = new Int32Array(values.length + 1);
  encoded.forEach((bytes, i) => (offsets[i + 1] = offsets[i]! + bytes.length));
  const data = new Uint8Array(offsets[values.length]!);
  encoded.forEach((bytes, i) => data.set(bytes, offsets[i]!));
  const { bitmap, nulls } = validity(values.length, (i) => values[i] !== null);
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: nulls, valueOffsets: offsets, data, nullBitmap: bitmap }));
}
