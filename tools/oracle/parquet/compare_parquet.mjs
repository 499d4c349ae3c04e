// Reads two Parquet files with hyparquet (an independent JavaScript reader) and compares their rows value by value:
// numbers as numbers (int64 and double alike), timestamps as milliseconds. Used on batch prediction's output
// (docs/benchmarks.md, passthru section). Usage: npm ci && node --max-old-space-size=6000 compare_parquet.mjs A.parquet B.parquet
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
const [a, b] = process.argv.slice(2)
async function load(path) {
  const file = await asyncBufferFromFile(path)
  const metadata = await parquetMetadataAsync(file)
  const rows = await parquetReadObjects({ file, compressors, metadata })
  return { metadata, rows }
}
const A = await load(a), B = await load(b)
const show = m => m.schema.map(s => `${s.name}:${s.type ?? ''}:${s.repetition_type ?? ''}:${JSON.stringify(s.logical_type ?? s.converted_type ?? '')}`).join(' ')
console.log('A', A.rows.length, A.metadata.row_groups.length, show(A.metadata))
console.log('B', B.rows.length, B.metadata.row_groups.length, show(B.metadata))
let diff = 0
const norm = v => typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : v
for (let i = 0; i < A.rows.length; i++) {
  for (const k of Object.keys(A.rows[i])) {
    const x = norm(A.rows[i][k]), y = norm(B.rows[i][k])
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) { if (diff++ < 5) console.log('diff row', i, k, x, y) }
  }
}
console.log('differences', diff, 'rows', A.rows.length === B.rows.length ? 'same count' : 'DIFFERENT COUNT', 'sample', JSON.stringify(B.rows[0], (k, v) => typeof v === 'bigint' ? Number(v) : v))
process.exit(diff === 0 && A.rows.length === B.rows.length ? 0 : 1)
