import { describe, expect, it } from 'vitest';
import { toCsv, toMarkdown } from './export';

const result = {
  columns: [
    { name: 'name', type: 'Utf8' },
    { name: 'value', type: 'Float64' },
  ],
  rows: [
    ['a, "quoted"', 1.5],
    ['=HYPERLINK("x")', null],
    ['line\nbreak | pipe', -2],
  ],
  rowCount: 3,
  truncated: false,
};

describe('export', () => {
  it('writes RFC 4180 CSV and defuses spreadsheet formulas', () => {
    expect(toCsv(result)).toBe(
      'name,value\r\n"a, ""quoted""",1.5\r\n"\'=HYPERLINK(""x"")",\r\n"line\nbreak | pipe",-2\r\n',
    );
  });

  it('writes a markdown table with pipes escaped', () => {
    expect(toMarkdown(result)).toBe(
      '| name | value |\n| --- | --- |\n| a, "quoted" | 1.5 |\n| =HYPERLINK("x") |  |\n| line break \\| pipe | -2 |',
    );
  });
});
