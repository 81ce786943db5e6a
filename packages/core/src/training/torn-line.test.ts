import { describe, expect, it } from 'vitest';
import { splitTornLine } from './torn-line.js';

describe('splitTornLine', () => {
  it('cuts a last line that a crash left without its end', () => {
    expect(splitTornLine('{"step":1}\n{"step":2,"lo')).toEqual({ complete: '{"step":1}\n', torn: '{"step":2,"lo' });
    expect(splitTornLine('{"st')).toEqual({ complete: '', torn: '{"st' });
    // Zeros a file system can leave at the end of a file extended by a crash.
    expect(splitTornLine('{"step":1}\n\0\0\0')).toEqual({ complete: '{"step":1}\n', torn: '\0\0\0' });
  });

  it('keeps complete text, a complete last line without its newline, and bad lines elsewhere', () => {
    for (const text of ['', '{"step":1}\n', '{"step":1}\n{"step":2}', '{"step":1}\n\n', 'oops\n{"step":2}\n']) {
      expect(splitTornLine(text)).toEqual({ complete: text, torn: null });
    }
  });
});
