import { describe, expect, it } from 'vitest';
import { isolate } from '../../src/lib/domain/bidi';

const FSI = '\u2068';
const PDI = '\u2069';

describe('analyst text isolated for a string-only place (an option, a label, a message)', () => {
  it('wraps text with an override, an embedding, an isolate or a right-to-left letter', () => {
    expect(isolate('\u202Eevil\u202C"><b>')).toBe(`${FSI}\u202Eevil\u202C"><b>${PDI}`);
    expect(isolate('\u202Boverride')).toBe(`${FSI}\u202Boverride${PDI}`);
    expect(isolate('a\u2067b')).toBe(`${FSI}a\u2067b${PDI}`);
    expect(isolate('ایران')).toBe(`${FSI}ایران${PDI}`);
    expect(isolate('ישראל')).toBe(`${FSI}ישראל${PDI}`);
  });

  it('leaves left-to-right text exactly as it is, so names match as typed', () => {
    expect(isolate('United States')).toBe('United States');
    expect(isolate("Côte d'Ivoire")).toBe("Côte d'Ivoire");
    expect(isolate('')).toBe('');
  });
});
