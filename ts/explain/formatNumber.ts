/**
 * Numbers for people: whole numbers in full (`2,048`), others to four
 * significant digits (`0.7071`, `25.6`), large ones to one decimal
 * (`1,234.5`). Exact values are in the result documents and `--json`.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  if (Math.abs(x) >= 1000) return x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const text = x.toPrecision(4);
  // toPrecision writes tiny values in exponent form; keep it, trimmed.
  if (text.includes('e')) return text.replace(/\.?0+e/, 'e');
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
