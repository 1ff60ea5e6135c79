/**
 * Arrow columns built straight from typed arrays. Arrow's own builders compile their null
 * checks with `new Function`, which the extension's CSP (rightly) forbids; these do not.
 */
import {
  DateDay,
  Float64,
  Int64,
  TimeMicrosecond,
  TimestampMicrosecond,
  Utf8,
  makeData,
  makeVector,
  type Vector,
} from 'apache-arrow';

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
  const { bitmap, nulls } = validity(
    values.length,
    (i) => typeof values[i] === 'number' && Number.isFinite(values[i]),
  );
  return makeVector(
    makeData({ type: new Float64(), length: values.length, nullCount: nulls, data, nullBitmap: bitmap }),
  );
}

export function utf8Column(values: (string | null)[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  let capacity = 0;
  for (const v of values) if (v !== null) capacity += v.length * 3;
  // One buffer, filled in place: no allocation per string (a 100k-row column has 100k of them).
  const buffer = new Uint8Array(capacity);
  const offsets = new Int32Array(values.length + 1);
  let at = 0;
  values.forEach((v, i) => {
    if (v !== null && v.length) at += encoder.encodeInto(v, buffer.subarray(at)).written;
    offsets[i + 1] = at;
  });
  const { bitmap, nulls } = validity(values.length, (i) => values[i] !== null);
  return makeVector(
    makeData({
      type: new Utf8(),
      length: values.length,
      nullCount: nulls,
      valueOffsets: offsets,
      data: buffer.subarray(0, at),
      nullBitmap: bitmap,
    }),
  );
}

function bigintColumn<T extends Int64 | TimestampMicrosecond | TimeMicrosecond>(
  type: T,
  values: (bigint | null)[],
): Vector<T> {
  const data = new BigInt64Array(values.length);
  values.forEach((v, i) => (data[i] = v ?? 0n));
  const { bitmap, nulls } = validity(values.length, (i) => values[i] !== null);
  return makeVector(
    makeData({ type, length: values.length, nullCount: nulls, data, nullBitmap: bitmap } as never),
  ) as unknown as Vector<T>;
}

export function int64Column(values: (number | null)[]): Vector<Int64> {
  return bigintColumn(
    new Int64(),
    values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? BigInt(Math.trunc(v)) : null)),
  );
}

const DAY_MS = 86_400_000;

/** ISO dates (YYYY-MM-DD) as Arrow date32: days since 1970-01-01. */
export function dateColumn(values: (string | null)[]): Vector<DateDay> {
  const data = new Int32Array(values.length);
  const ok = values.map((v, i) => {
    const t = v === null ? NaN : Date.parse(`${v.slice(0, 10)}T00:00:00Z`);
    if (Number.isNaN(t)) return false;
    data[i] = Math.round(t / DAY_MS);
    return true;
  });
  const { bitmap, nulls } = validity(values.length, (i) => ok[i]!);
  return makeVector(
    makeData({ type: new DateDay(), length: values.length, nullCount: nulls, data, nullBitmap: bitmap }),
  );
}

/** ISO date-times as Arrow timestamp[us] (DuckDB TIMESTAMP). */
export function timestampColumn(values: (string | null)[]): Vector<TimestampMicrosecond> {
  return bigintColumn(
    new TimestampMicrosecond(),
    values.map((v) => {
      const t = v === null ? NaN : Date.parse(`${v}Z`);
      return Number.isNaN(t) ? null : BigInt(t) * 1000n;
    }),
  );
}

/** HH:MM:SS as Arrow time64[us] (DuckDB TIME). */
export function timeColumn(values: (string | null)[]): Vector<TimeMicrosecond> {
  return bigintColumn(
    new TimeMicrosecond(),
    values.map((v) => {
      const m = v === null ? null : /^(\d{2}):(\d{2}):(\d{2})$/.exec(v);
      return m ? BigInt((+m[1]! * 3600 + +m[2]! * 60 + +m[3]!) * 1_000_000) : null;
    }),
  );
}
