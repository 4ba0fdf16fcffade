import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { tableCell } from '../../src/ui/tableCell.js';

describe('a table cell', () => {
  it('pads to its width, keeping one column free before the next cell', () => {
    expect(tableCell('Heat', 8)).toBe('Heat    ');
  });

  it('cuts a long text with "…" and still fills exactly its width', () => {
    expect(tableCell('The Dark Knight Rises', 10)).toBe('The Dark… ');
  });

  it('measures wide characters by the columns they take, so columns line up', () => {
    for (const text of ['千と千尋の神隠し', 'Amélie', '宮崎駿 and others', 'Ça']) {
      for (const width of [4, 7, 12, 30]) expect(stringWidth(tableCell(text, width))).toBe(width);
    }
    expect(tableCell('千と千尋の神隠し', 8)).toBe('千と千… ');
  });
});
