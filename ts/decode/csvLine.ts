/** Splits one CSV line into its cells (RFC 4180 quoting, one record per line). */

/** The cells, or undefined when a quote is left open. */
export function splitCsvLine(line: string, delimiter: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      cells.push(cell);
      cell = '';
      i += delimiter.length - 1;
    } else cell += ch;
  }
  if (quoted) return undefined;
  cells.push(cell);
  return cells;
}
